package io.metaloop.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The process that runs a trial: host name, process id and the process's start time (so a
 * recycled pid is not mistaken for the owner). Stored on each trial it starts, it lets another
 * process on the same host tell at once whether the owner is gone; owners on other hosts are
 * judged by their heartbeat instead.
 *
 * @param host        the host name
 * @param pid         the process id
 * @param startMillis when the process started, epoch milliseconds (0 if unknown)
 */
public record Owner(String host, long pid, long startMillis) {

    private static final Owner CURRENT = of(ProcessHandle.current());

    /** This process. */
    public static Owner current() {
        return CURRENT;
    }

    private static Owner of(ProcessHandle handle) {
        return new Owner(hostName(), handle.pid(), startMillis(handle));
    }

    private static long startMillis(ProcessHandle handle) {
        return handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            return Files.readString(Path.of("/etc/hostname")).trim();
        } catch (IOException | RuntimeException e) {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException ex) {
                return "unknown";
            }
        }
    }

    /** The owner recorded in a trial's system attributes, if any. */
    public static Optional<Owner> fromAttrs(Map<String, Object> systemAttrs) {
        if (!(systemAttrs.get(SystemAttrs.OWNER) instanceof Map<?, ?> m)) {
            return Optional.empty();
        }
        if (!(m.get("host") instanceof String host) || !(m.get("pid") instanceof Number pid)) {
            return Optional.empty();
        }
        long start = m.get("start") instanceof Number n ? n.longValue() : 0L;
        return Optional.of(new Owner(host, pid.longValue(), start));
    }

    /** The JSON-compatible form stored under {@link SystemAttrs#OWNER}. */
    public Map<String, Object> toAttr() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", host);
        m.put("pid", pid);
        m.put("start", startMillis);
        return m;
    }

    /** Whether this owner runs on the same host as the current process. */
    public boolean isOnThisHost() {
        return host.equals(CURRENT.host);
    }

    /**
     * For an owner on this host: whether its process still runs. A process with the same pid
     * but another start time is a different process.
     */
    public boolean isAlive() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(h -> startMillis == 0 || Math.abs(startMillis(h) - startMillis) < 1000)
                .orElse(false);
    }
}
