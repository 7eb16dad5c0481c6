package dev.mcroute.daemon.privileges;

/**
 * The user and group a daemon switches to, resolved from the system's user database.
 *
 * @param user  the user name as given
 * @param uid   its user ID
 * @param group the group name (given, or the user's primary group)
 * @param gid   its group ID, also the only supplementary group after the switch
 */
public record UnixIdentity(String user, int uid, String group, int gid) {

    @Override
    public String toString() {
        return user + "(" + Integer.toUnsignedString(uid) + "):" + group + "(" + Integer.toUnsignedString(gid) + ")";
    }
}
