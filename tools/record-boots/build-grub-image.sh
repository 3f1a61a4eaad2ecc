#!/bin/bash
# Builds the GRUB-path variant of the third campaign's guest from build-image.sh's root file
# system ($WORK/rootfs), without loop devices or mounts: an MBR-partitioned 3 GiB disk
# (grub-fresh.img) whose one partition (from sector 2048) holds the same ext4 file system, made
# by mke2fs -d, with GRUB 2 installed by hand the way grub-install does on a BIOS disk: boot.img
# in the MBR, core.img (diskboot + biosdisk, part_msdos, ext2) in the gap from sector 1, GRUB's
# modules and grub.cfg in /boot/grub. SeaBIOS loads the MBR, GRUB reads its modules, the kernel
# and the initrd through the BIOS one request at a time (the firmware and boot-loader phase of
# rule 1), then boots the same kernel with root=/dev/vda1. Needs grub-pc-bin, e2fsprogs,
# fdisk (sfdisk). Then: BOOT=disk record.sh g3boot0 grub-fresh.img grub-base.img.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
WORK=${WORK:-$here/work}
cd "$WORK"
grub=/usr/lib/grub/i386-pc
rm -rf rootfs-grub && cp -a rootfs rootfs-grub
echo "/dev/vda1 / ext4 defaults 0 1" > rootfs-grub/etc/fstab
mkdir -p rootfs-grub/boot/grub/i386-pc
cp "$grub"/*.mod "$grub"/*.lst rootfs-grub/boot/grub/i386-pc/
kernel=$(cd rootfs-grub/boot && ls vmlinuz-* | head -1)
initrd=$(cd rootfs-grub/boot && ls initrd.img-* | head -1)
cat > rootfs-grub/boot/grub/grub.cfg <<CFG
set timeout=0
set default=0
menuentry "Debian" {
  insmod part_msdos
  insmod ext2
  linux /boot/$kernel root=/dev/vda1 rw console=ttyS0 quiet
  initrd /boot/$initrd
}
CFG
rm -f grub-part.img grub-fresh.img
mke2fs -q -t ext4 -L root -d rootfs-grub grub-part.img 3071M
truncate -s 3G grub-fresh.img
printf 'label: dos\nstart=2048, type=83, bootable\n' | sfdisk -q grub-fresh.img
dd if=grub-part.img of=grub-fresh.img bs=1M seek=1 conv=notrunc,sparse status=none
rm grub-part.img
grub-mkimage -O i386-pc -o grub-core.img -p '(hd0,msdos1)/boot/grub' biosdisk part_msdos ext2
[ "$(stat -c %s grub-core.img)" -lt $((2047 * 512)) ] || { echo "core.img does not fit before the partition" >&2; exit 1; }
dd if="$grub/boot.img" of=grub-fresh.img bs=440 count=1 conv=notrunc status=none
dd if=grub-core.img of=grub-fresh.img bs=512 seek=1 conv=notrunc status=none
echo "grub-fresh.img: $(stat -c %s grub-core.img) bytes of core.img from sector 1, kernel $kernel"
