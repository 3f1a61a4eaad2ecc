# Sourced by record.sh and record-warm.sh: what both do to boot the guest from an nbdkit socket.
# wait_for_socket SOCK: until nbdkit listens (5 s at most).
wait_for_socket() { for _ in $(seq 50); do [ -S "$1" ] && break; sleep 0.1; done; }
# boot_guest SOCK CONSOLE SECONDS: QEMU TCG (SMP vCPUs, default 2; 1 GiB; virtio-blk; no NIC) boots
# the disk behind SOCK, kernel-direct, or with BOOT=disk through the disk's own MBR (the GRUB path,
# build-grub-image.sh); each serial-console line is stamped on the host (moreutils ts, UTC, the
# clock nbdkit's log uses) into CONSOLE. Killed after SECONDS.
boot_guest() {
  local direct=(-kernel vmlinuz -initrd initrd.img -append "root=/dev/vda rw console=ttyS0 quiet")
  [ "${BOOT:-kernel}" = disk ] && direct=()
  timeout "$3" qemu-system-x86_64 -accel tcg,thread=multi -smp "${SMP:-2}" -m 1G -nographic -nic none -no-reboot \
    "${direct[@]}" \
    -drive "file=nbd:unix:$1,format=raw,if=virtio" \
    < /dev/null 2>&1 | TZ=UTC ts '%Y-%m-%d %H:%M:%.S' > "$2"
}
