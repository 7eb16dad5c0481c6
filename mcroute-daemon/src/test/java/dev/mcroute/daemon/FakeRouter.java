package dev.mcroute.daemon;

import dev.mcroute.daemon.control.ControlException;
import dev.mcroute.daemon.control.RouteSpec;
import dev.mcroute.daemon.control.RouterControl;
import dev.mcroute.daemon.show.ShowSnapshot;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A router that records what it is asked and refuses interfaces named "bad0". */
public final class FakeRouter implements RouterControl {
    /** The calls, e.g. {@code add eth0 (*, 225.1.2.3) [eth1]}. */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    /** What snapshot() returns. */
    public volatile ShowSnapshot snapshot = ShowSnapshot.EMPTY;

    @Override
    public void add(RouteSpec route) throws ControlException {
        record("add", route);
    }

    @Override
    public void remove(RouteSpec route) throws ControlException {
        record("remove", route);
    }

    @Override
    public void join(RouteSpec membership) throws ControlException {
        record("join", membership);
    }

    @Override
    public void leave(RouteSpec membership) throws ControlException {
        record("leave", membership);
    }

    @Override
    public void flush() {
        calls.add("flush");
    }

    @Override
    public void reload() {
        calls.add("reload");
    }

    @Override
    public void kill() {
        calls.add("kill");
    }

    @Override
    public ShowSnapshot snapshot(boolean withCounters) {
        return snapshot;
    }

    private void record(String what, RouteSpec spec) throws ControlException {
        if (spec.iif().equals("bad0")) {
            throw new ControlException("Unknown interface bad0");
        }
        calls.add(what + " " + spec.iif() + " " + dev.mcroute.daemon.show.ShowText.sourceGroup(spec.source(),
                spec.group()) + (spec.oifs().isEmpty() ? "" : " " + spec.oifs()));
    }
}
