package dev.mcroute.daemon.mrdisc;

import com.sun.jna.Memory;

/** Walks the ancillary data ({@code struct cmsghdr} list) that recvmsg filled in. */
final class ControlMessages {

    private ControlMessages() {
    }

    /**
     * The offset of the data of the first control message of {@code level}/{@code type} with at
     * least {@code minimumLength} data bytes, or -1.
     */
    static long find(Memory control, long controlLength, int level, int type, int minimumLength) {
        long offset = 0;
        while (offset + MrdiscLibc.CMSG_DATA_OFFSET <= controlLength) {
            long length = control.getLong(offset);
            if (length < MrdiscLibc.CMSG_DATA_OFFSET || offset + length > controlLength) {
                return -1;
            }
            if (control.getInt(offset + MrdiscLibc.CMSG_LEVEL_OFFSET) == level
                    && control.getInt(offset + MrdiscLibc.CMSG_TYPE_OFFSET) == type
                    && length >= MrdiscLibc.CMSG_DATA_OFFSET + minimumLength) {
                return offset + MrdiscLibc.CMSG_DATA_OFFSET;
            }
            offset += (length + 7) & ~7L;
        }
        return -1;
    }

    /** The data length of the control message whose data starts at {@code dataOffset}. */
    static int dataLength(Memory control, long dataOffset) {
        return (int) (control.getLong(dataOffset - MrdiscLibc.CMSG_DATA_OFFSET) - MrdiscLibc.CMSG_DATA_OFFSET);
    }
}
