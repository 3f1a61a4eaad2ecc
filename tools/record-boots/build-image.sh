#!/bin/bash
# Builds the guest of the third recording campaign (traces/README.md) in $WORK (default ./work):
# a Debian 12 root filesystem by debootstrap from deb.debian.org, the web application and the
# service-ready unit of guest/, a 3 GiB ext4 raw image made from it (mke2fs -d, no mount needed),
# and the kernel and initrd that QEMU loads itself (the kernel-direct path). Needs root,
# debootstrap, e2fsprogs. Then: record.sh k3boot0 fresh.img base.img (the first boot, whose state
# every later boot starts from), and campaign.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
WORK=${WORK:-$here/work}
mkdir -p "$WORK/log" && cd "$WORK"
debootstrap --variant=minbase --include=systemd-sysv,linux-image-amd64,python3,udev,kmod,initramfs-tools,e2fsprogs \
  bookworm rootfs http://deb.debian.org/debian
echo "/dev/vda / ext4 defaults 0 1" > rootfs/etc/fstab
echo k3 > rootfs/etc/hostname
mkdir -p rootfs/srv/www
echo "<html><body>rtolab recording guest</body></html>" > rootfs/srv/www/index.html
install -m 644 "$here/guest/web.service" "$here/guest/ready.service" rootfs/etc/systemd/system/
install -m 755 "$here/guest/ready.sh" rootfs/usr/local/bin/ready.sh
ln -sf /etc/systemd/system/web.service rootfs/etc/systemd/system/multi-user.target.wants/web.service
ln -sf /etc/systemd/system/ready.service rootfs/etc/systemd/system/multi-user.target.wants/ready.service
: > rootfs/etc/machine-id # empty: the first boot makes one, as a fresh install's does
cp rootfs/boot/vmlinuz-* vmlinuz
cp rootfs/boot/initrd.img-* initrd.img
mke2fs -q -t ext4 -L root -d rootfs fresh.img 3G
