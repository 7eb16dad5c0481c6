package dev.mcroute.freebsd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Buffers for C structs and scalars as FreeBSD/amd64 and FreeBSD/arm64 lay them out: little-endian. */
final class CStructs {
    private CStructs() {
    }

    /**
     * @param size a struct size
     * @return a zeroed little-endian buffer of that size
     */
    static ByteBuffer struct(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @param bytes a struct the kernel filled in
     * @return a little-endian view of it
     */
    static ByteBuffer read(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @param value an int option value
     * @return it as a C int
     */
    static byte[] cInt(int value) {
        return struct(4).putInt(0, value).array();
    }

    /**
     * @param index a VIF or MIF index
     * @return it as a {@code vifi_t}/{@code mifi_t} (u_short), the argument of MRT_DEL_VIF and MRT6_DEL_MIF
     */
    static byte[] uShort(int index) {
        return struct(2).putShort(0, (short) index).array();
    }
}
