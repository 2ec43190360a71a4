package netmon.engine.capture;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds synthetic Ethernet/IPv4-or-IPv6/TCP-or-UDP frames with correct checksums. */
final class Frames {
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    static final int PROTO_TCP = 6;
    static final int PROTO_UDP = 17;

    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;

    /** MAC addresses for our side and the peer: locally administered, so no vendor is implied. */
    static final byte[] MAC_HOST = {0x02, 0, 0, 0, 0, 0x01};
    static final byte[] MAC_PEER = {0x02, 0, 0, 0, 0, 0x02};

    private Frames() {}

    /** One side of a conversation: IP address bytes (4 or 16), port and MAC. */
    record Side(byte[] ip, int port, byte[] mac) {}

    /**
     * The IP bytes of a numeric host string, 4 bytes for IPv4 (including IPv4-mapped IPv6), 16 for IPv6;
     * 0.0.0.0 for a missing or unparsable host. Never resolves names: only literals are accepted.
     */
    static byte[] ip(String host) {
        if (host == null || host.isEmpty() || !(host.indexOf(':') >= 0 || Character.isDigit(host.charAt(0)))) {
            return new byte[4];
        }
        try {
            InetAddress a = InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            if (a instanceof Inet4Address || a instanceof Inet6Address) return a.getAddress();
        } catch (UnknownHostException | RuntimeException e) {
            // fall through
        }
        return new byte[4];
    }

    /** Widens a 4-byte address to IPv4-mapped IPv6 when the other side is IPv6. */
    static byte[] as6(byte[] ip) {
        if (ip.length == 16) return ip;
        byte[] r = new byte[16];
        r[10] = (byte) 0xff;
        r[11] = (byte) 0xff;
        System.arraycopy(ip, 0, r, 12, 4);
        return r;
    }

    /** A TCP frame from {@code src} to {@code dst}. {@code syn} adds MSS and window-scale options. */
    static byte[] tcp(Side src, Side dst, long seq, long ack, int flags, byte[] payload, int off, int len,
                      int ipId, int mss) {
        boolean syn = (flags & SYN) != 0;
        int tcpHeader = syn ? 28 : 20;
        byte[] seg = new byte[tcpHeader + len];
        ByteBuffer b = ByteBuffer.wrap(seg).order(ByteOrder.BIG_ENDIAN);
        b.putShort((short) src.port()).putShort((short) dst.port());
        b.putInt((int) seq).putInt((flags & ACK) != 0 ? (int) ack : 0);
        b.put((byte) ((tcpHeader / 4) << 4)).put((byte) flags);
        // Window: unscaled 65535 on SYNs; with the shift of 7 both SYNs announce, 8 MiB afterwards.
        b.putShort((short) 0xffff);
        b.putShort((short) 0).putShort((short) 0);
        if (syn) {
            b.put((byte) 2).put((byte) 4).putShort((short) mss); // MSS
            b.put((byte) 1); // NOP
            b.put((byte) 3).put((byte) 3).put((byte) 7); // window scale 7
        }
        if (len > 0) System.arraycopy(payload, off, seg, tcpHeader, len);
        return ip(src, dst, PROTO_TCP, seg, 16, ipId);
    }

    /** A UDP frame from {@code src} to {@code dst}. */
    static byte[] udp(Side src, Side dst, byte[] payload, int ipId) {
        byte[] seg = new byte[8 + payload.length];
        ByteBuffer b = ByteBuffer.wrap(seg).order(ByteOrder.BIG_ENDIAN);
        b.putShort((short) src.port()).putShort((short) dst.port()).putShort((short) seg.length).putShort((short) 0);
        System.arraycopy(payload, 0, seg, 8, payload.length);
        return ip(src, dst, PROTO_UDP, seg, 6, ipId);
    }

    /** Wraps a transport segment in IP and Ethernet, filling in the transport checksum at {@code csumAt}. */
    private static byte[] ip(Side src, Side dst, int proto, byte[] seg, int csumAt, int ipId) {
        byte[] s = src.ip(), d = dst.ip();
        if (s.length != d.length) {
            s = as6(s);
            d = as6(d);
        }
        boolean v6 = s.length == 16;
        // Pseudo-header sum, then the segment itself.
        long sum = sum(s, 0, s.length, 0);
        sum = sum(d, 0, d.length, sum);
        sum += proto;
        sum += seg.length & 0xffff;
        sum += (long) seg.length >>> 16;
        sum = sum(seg, 0, seg.length, sum);
        int csum = fold(sum);
        if (proto == PROTO_UDP && csum == 0) csum = 0xffff; // 0 means "no checksum" for UDP
        seg[csumAt] = (byte) (csum >>> 8);
        seg[csumAt + 1] = (byte) csum;

        int ipHeader = v6 ? 40 : 20;
        byte[] frame = new byte[14 + ipHeader + seg.length];
        ByteBuffer b = ByteBuffer.wrap(frame).order(ByteOrder.BIG_ENDIAN);
        b.put(dst.mac()).put(src.mac()).putShort((short) (v6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4));
        if (v6) {
            b.putInt(6 << 28);
            b.putShort((short) seg.length).put((byte) proto).put((byte) 64);
            b.put(s).put(d);
        } else {
            b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + seg.length));
            b.putShort((short) ipId).putShort((short) 0x4000); // DF, no fragments
            b.put((byte) 64).put((byte) proto).putShort((short) 0);
            b.put(s).put(d);
            int h = fold(sum(frame, 14, 20, 0));
            frame[14 + 10] = (byte) (h >>> 8);
            frame[14 + 11] = (byte) h;
        }
        System.arraycopy(seg, 0, frame, 14 + ipHeader, seg.length);
        return frame;
    }

    /** Adds big-endian 16-bit words (the internet checksum's one's-complement sum, unfolded). */
    static long sum(byte[] a, int off, int len, long sum) {
        int end = off + len;
        int i = off;
        for (; i + 1 < end; i += 2) sum += ((a[i] & 0xff) << 8) | (a[i + 1] & 0xff);
        if (i < end) sum += (a[i] & 0xff) << 8;
        return sum;
    }

    /** Folds the carries and complements: the checksum field's value. */
    static int fold(long sum) {
        while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
        return (int) (~sum & 0xffff);
    }
}
