package io.otsoc.collector.asset;

import io.otsoc.collector.flow.DecoderBinding;
import io.otsoc.collector.model.Asset;
import io.otsoc.collector.model.AssetFacts;
import io.otsoc.collector.model.AssetRole;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The devices seen on the wire: one asset per MAC address (per IP address when the capture has no link layer),
 * the IP addresses seen behind it, when it was first and last seen, and the roles that its traffic shows, with
 * evidence, and the identity its own messages state ({@link AssetFacts}: vendor, model, firmware...): the client of a protocol ({@code modbus_client}: "sent 12 modbus requests to 10.0.0.5:502") or its
 * server ({@code modbus_server}: "answered 12 modbus requests from 10.0.0.9"). Group addresses (broadcast,
 * multicast) are not assets. Fed per flow and per event, never per packet; bounded by {@code maxAssets}
 * (later devices are counted, not tracked) and by {@value #MAX_IPS} addresses per asset.
 */
public final class AssetInventory {

    /** Addresses kept per asset: a router's MAC carries every remote address, which says little. */
    public static final int MAX_IPS = 64;
    private static final int MAX_PEERS_IN_EVIDENCE = 5;
    private static final int RECENT_FLOWS = 4096;

    private final int maxAssets;
    private final Map<String, Entry> assets = new LinkedHashMap<>();
    private final Map<FlowRef, Tally> recent = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<FlowRef, Tally> eldest) {
            return size() > RECENT_FLOWS;
        }
    };
    private long untracked;
    /**
     * The flow looked up last and its counters. Events come in runs from one flow, and the flow looked up last is
     * already the most recently used entry of {@link #recent}, so finding it again skips the map (whose FlowRef keys
     * hash all their fields) and leaves the access order as the lookup would.
     */
    private FlowRef lastFlow;
    private Tally lastTally;

    public AssetInventory(int maxAssets) {
        this.maxAssets = maxAssets;
    }

    /** An endpoint was seen at this time; {@code mac} may be null. */
    public void observe(String mac, String ip, long timestampMicros) {
        Entry e = entry(mac, ip, timestampMicros);
        if (e != null && ip != null && !isGroupIp(ip) && e.ips.size() < MAX_IPS) {
            e.ips.add(ip);
        }
    }

    /**
     * A decoded event: its client and server get the protocol's roles. A malformed message that could not even
     * name its operation proves no role; one that names it (valid framing and function) still does.
     */
    public void onEvent(OtEvent event) {
        if (event.malformed() && DecoderBinding.MALFORMED_ACTION.equals(event.action())) {
            return;
        }
        FlowRef f = event.flow();
        if (f.transport() == null) {
            onLinkEvent(event, f);
            return;
        }
        String protocol = event.protocol();
        long ts = event.timestampMicros();
        // Events of one flow share its FlowRef: after the first, one lookup finds the counters to bump.
        Tally tally = f == lastFlow ? lastTally : recent.get(f);
        if (tally == null || !tally.protocol.equals(protocol)) {
            tally = new Tally(protocol);
            tally.client = entry(f.clientMac(), f.clientIp(), ts);
            if (tally.client != null) {
                tally.clientRole = tally.client.role(protocol + "_client", true);
                tally.clientPeer = tally.clientRole.peer(f.serverIp() + ":" + f.serverPort());
            }
            tally.server = entry(f.serverMac(), f.serverIp(), ts);
            if (tally.server != null) {
                tally.serverRole = tally.server.role(protocol + "_server", false);
                tally.serverPeer = tally.serverRole.peer(f.clientIp());
            }
            recent.put(f, tally);
        }
        lastFlow = f;
        lastTally = tally;
        if (tally.client != null) {
            tally.client.seen(ts);
            tally.clientRole.total++;
            tally.clientPeer[0]++;
        }
        if (tally.server != null) {
            tally.server.seen(ts);
            tally.serverRole.total++;
            tally.serverPeer[0]++;
        }
        if (!event.malformed()) {
            AssetFacts facts = event.detail().assetFacts();
            if (facts != null) {
                apply(facts, facts.side() == AssetFacts.Side.CLIENT ? tally.client : tally.server);
            }
        }
    }

    /**
     * A link-layer message (ARP, LLDP, DCP...): no client/server roles, but its sender is seen, with the IP address
     * the message binds to its MAC (ARP), and what it says about itself.
     */
    private void onLinkEvent(OtEvent event, FlowRef f) {
        long ts = event.timestampMicros();
        Entry sender = entry(f.clientMac(), f.clientIp(), ts);
        if (sender != null && f.clientIp() != null && !isGroupIp(f.clientIp()) && sender.ips.size() < MAX_IPS) {
            sender.ips.add(f.clientIp());
        }
        if (event.malformed()) {
            return;
        }
        AssetFacts facts = event.detail().assetFacts();
        if (facts != null) {
            apply(facts, facts.side() == AssetFacts.Side.CLIENT ? sender : entry(f.serverMac(), f.serverIp(), ts));
        }
    }

    private static void apply(AssetFacts facts, Entry e) {
        if (e == null) {
            return;
        }
        e.vendor = firstNonBlank(facts.vendor(), e.vendor);
        e.model = firstNonBlank(facts.model(), e.model);
        e.firmware = firstNonBlank(facts.firmware(), e.firmware);
        e.serial = firstNonBlank(facts.serial(), e.serial);
        e.name = firstNonBlank(facts.name(), e.name);
        e.deviceType = firstNonBlank(facts.deviceType(), e.deviceType);
    }

    private static String firstNonBlank(String newer, String older) {
        return newer != null && !newer.isBlank() ? newer : older;
    }

    /**
     * Adds what another inventory saw (a worker that followed other flows of the same capture): addresses, roles
     * and their counts, identity fields this one lacks, first and last sighting. Assets stay in order of first
     * sighting. {@code other} must not be used afterwards.
     */
    public void mergeFrom(AssetInventory other) {
        for (Map.Entry<String, Entry> m : other.assets.entrySet()) {
            Entry theirs = m.getValue();
            Entry mine = assets.get(m.getKey());
            if (mine == null) {
                if (assets.size() >= maxAssets) {
                    untracked++;
                    continue;
                }
                assets.put(m.getKey(), theirs);
                continue;
            }
            mine.seen(theirs.firstSeen);
            mine.seen(theirs.lastSeen);
            for (String ip : theirs.ips) {
                if (mine.ips.size() >= MAX_IPS) {
                    break;
                }
                mine.ips.add(ip);
            }
            for (Map.Entry<String, Role> r : theirs.roles.entrySet()) {
                Role role = mine.role(r.getKey(), r.getValue().client);
                role.total += r.getValue().total;
                for (Map.Entry<String, long[]> peer : r.getValue().peers.entrySet()) {
                    role.peer(peer.getKey())[0] += peer.getValue()[0];
                }
            }
            mine.vendor = firstNonBlank(mine.vendor, theirs.vendor);
            mine.model = firstNonBlank(mine.model, theirs.model);
            mine.firmware = firstNonBlank(mine.firmware, theirs.firmware);
            mine.serial = firstNonBlank(mine.serial, theirs.serial);
            mine.name = firstNonBlank(mine.name, theirs.name);
            mine.deviceType = firstNonBlank(mine.deviceType, theirs.deviceType);
        }
        untracked += other.untracked;
        List<Map.Entry<String, Entry>> ordered = new ArrayList<>(assets.entrySet());
        ordered.sort((a, b) -> Long.compare(a.getValue().firstSeen, b.getValue().firstSeen));
        assets.clear();
        for (Map.Entry<String, Entry> e : ordered) {
            assets.put(e.getKey(), e.getValue());
        }
        lastFlow = null;
        lastTally = null;
        recent.clear();
    }

    /** Devices seen but not tracked because the inventory was full. */
    public long untracked() {
        return untracked;
    }

    public int size() {
        return assets.size();
    }

    /** The current state of every asset, in order of first sighting. */
    public List<Asset> assets() {
        List<Asset> out = new ArrayList<>(assets.size());
        for (Map.Entry<String, Entry> m : assets.entrySet()) {
            Entry e = m.getValue();
            List<AssetRole> roles = new ArrayList<>(e.roles.size());
            for (Map.Entry<String, Role> r : e.roles.entrySet()) {
                roles.add(new AssetRole(r.getKey(), r.getValue().evidence(r.getKey())));
            }
            out.add(new Asset(m.getKey(), e.mac, new ArrayList<>(e.ips), roles, e.vendor, e.model, e.firmware,
                    e.serial, e.name, e.deviceType, e.firstSeen, e.lastSeen));
        }
        return out;
    }

    private Entry entry(String mac, String ip, long ts) {
        String key;
        if (mac != null) {
            if (isGroupMac(mac)) {
                return null;
            }
            key = mac;
        } else if (ip != null && !isGroupIp(ip)) {
            key = "ip:" + ip;
        } else {
            return null;
        }
        Entry e = assets.get(key);
        if (e == null) {
            if (assets.size() >= maxAssets) {
                untracked++;
                return null;
            }
            e = new Entry(mac, ts);
            assets.put(key, e);
        }
        e.seen(ts);
        return e;
    }

    /** Broadcast and multicast MACs have the group bit (least significant bit of the first octet) set. */
    static boolean isGroupMac(String mac) {
        return (Character.digit(mac.charAt(1), 16) & 1) != 0;
    }

    /** IPv4 broadcast, IPv4 multicast (224/4), the unspecified addresses and IPv6 multicast (ff00::/8). */
    static boolean isGroupIp(String ip) {
        if (ip.indexOf(':') >= 0) {
            return ip.startsWith("ff") || ip.equals("::");
        }
        int dot = ip.indexOf('.');
        int first = dot > 0 ? Integer.parseInt(ip, 0, dot, 10) : -1;
        return (first >= 224 && first <= 239) || ip.equals("255.255.255.255") || ip.equals("0.0.0.0");
    }

    private static final class Entry {
        final String mac;
        final Set<String> ips = new LinkedHashSet<>();
        final Map<String, Role> roles = new LinkedHashMap<>();
        String vendor;
        String model;
        String firmware;
        String serial;
        String name;
        String deviceType;
        long firstSeen;
        long lastSeen;

        Entry(String mac, long ts) {
            this.mac = mac;
            this.firstSeen = ts;
            this.lastSeen = ts;
        }

        void seen(long ts) {
            firstSeen = Math.min(firstSeen, ts);
            lastSeen = Math.max(lastSeen, ts);
        }

        Role role(String name, boolean client) {
            return roles.computeIfAbsent(name, n -> new Role(client));
        }
    }

    /** The counters one flow's events bump. */
    private static final class Tally {
        final String protocol;
        Entry client;
        Role clientRole;
        long[] clientPeer;
        Entry server;
        Role serverRole;
        long[] serverPeer;

        Tally(String protocol) {
            this.protocol = protocol;
        }
    }

    /** How often an asset played a role, per peer (server endpoint for clients, client address for servers). */
    private static final class Role {
        final boolean client;
        final Map<String, long[]> peers = new LinkedHashMap<>();
        long total;

        Role(boolean client) {
            this.client = client;
        }

        /** The counter of one peer (shared and unlisted beyond {@value #MAX_IPS} peers). */
        long[] peer(String peer) {
            long[] n = peers.get(peer);
            if (n == null) {
                if (peers.size() >= MAX_IPS) {
                    return new long[1];
                }
                n = new long[1];
                peers.put(peer, n);
            }
            return n;
        }

        String evidence(String roleName) {
            String protocol = roleName.substring(0, roleName.lastIndexOf('_'));
            StringBuilder s = new StringBuilder();
            s.append(client ? "sent " : "answered ").append(total).append(' ').append(protocol)
                    .append(total == 1 ? " request " : " requests ").append(client ? "to " : "from ");
            int shown = 0;
            // busiest peers first, then by address: the same text whatever order the peers were met in
            List<Map.Entry<String, long[]>> ranked = new ArrayList<>(peers.entrySet());
            ranked.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Long.compare(b.getValue()[0], a.getValue()[0])
                    : a.getKey().compareTo(b.getKey()));
            for (Map.Entry<String, long[]> p : ranked) {
                if (shown == MAX_PEERS_IN_EVIDENCE) {
                    s.append(" and ").append(peers.size() - shown).append(" more");
                    break;
                }
                if (shown > 0) {
                    s.append(", ");
                }
                s.append(p.getKey());
                if (peers.size() > 1) {
                    s.append(" (").append(p.getValue()[0]).append(')');
                }
                shown++;
            }
            return s.toString();
        }
    }
}
