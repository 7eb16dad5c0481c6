package dev.mcroute.testkit;

import dev.mcroute.api.Family;

/** The names of the Linux multicast routing calls of one family, for error messages. */
enum MrtCalls {
    IPV4("VIF", "MRT_INIT", "MRT_ADD_VIF", "MRT_DEL_VIF", "MRT_ADD_MFC", "MRT_DEL_MFC",
            "SIOCGETSGCNT", "SIOCGETVIFCNT"),
    IPV6("MIF", "MRT6_INIT", "MRT6_ADD_MIF", "MRT6_DEL_MIF", "MRT6_ADD_MFC", "MRT6_DEL_MFC",
            "SIOCGETSGCNT_IN6", "SIOCGETMIFCNT_IN6");

    final String vifWord;
    final String init;
    final String addVif;
    final String delVif;
    final String addMfc;
    final String delMfc;
    final String routeCounters;
    final String vifCounters;

    MrtCalls(String vifWord, String init, String addVif, String delVif, String addMfc, String delMfc,
             String routeCounters, String vifCounters) {
        this.vifWord = vifWord;
        this.init = init;
        this.addVif = addVif;
        this.delVif = delVif;
        this.addMfc = addMfc;
        this.delMfc = delMfc;
        this.routeCounters = routeCounters;
        this.vifCounters = vifCounters;
    }

    static MrtCalls of(Family family) {
        return family == Family.IPV4 ? IPV4 : IPV6;
    }
}
