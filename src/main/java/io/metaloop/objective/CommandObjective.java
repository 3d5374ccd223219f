package io.metaloop.objective;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metaloop.space.SearchSpace;
import io.metaloop.study.Objective;
import io.metaloop.study.Trial;
import io.metaloop.study.TrialPrunedException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An objective that runs an external program per trial, so any script in any language can be
 * tuned. The trial's parameters, sampled from the study's search space, reach the program three
 * ways: {@code {name}} placeholders in its arguments, the environment variable
 * {@code METALOOP_PARAMS} (a JSON object) and {@code METALOOP_TRIAL} (the trial number).
 * The program reports progress with lines {@code metaloop:report STEP VALUE} on standard output —
 * when the pruner says stop, the process is killed and the trial is PRUNED — and its result is
 * the last line of standard output: one number per objective, separated by spaces or commas.
 * A non-zero exit fails the trial with the last line of standard error as the reason. At the
 * trial's time limit the program and every process it started are killed, and the trial ends
 * FAIL timeout.
 *
 * @param command   the program and its arguments, with {@code {param}} placeholders
 * @param workDir   the working directory of the program
 * @param space     the search space the parameters come from
 */
public record CommandObjective(List<String> command, Path workDir, SearchSpace space) implements Objective {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.\\-]+)}");
    private static final Pattern REPORT = Pattern.compile("^metaloop:report\\s+(\\d+)\\s+(\\S+)\\s*$");

    public CommandObjective {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("the command is empty");
        }
    }

    @Override
    public double[] evaluate(Trial trial) throws Exception {
        Map<String, Object> params = space.suggestAll(trial);
        ProcessBuilder pb = new ProcessBuilder(substitute(command, params)).directory(workDir.toFile());
        pb.environment().put("METALOOP_PARAMS", toJson(params));
        pb.environment().put("METALOOP_TRIAL", Integer.toString(trial.number()));
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> lastErr = CompletableFuture.supplyAsync(() -> lastLine(p));
        String last = null;
        int code;
        try (Trial.TimeoutWatch watch = trial.onTimeout(() -> kill(p));
             BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher m = REPORT.matcher(line.trim());
                if (m.matches()) {
                    trial.report(parse(m.group(2), line), Integer.parseInt(m.group(1)));
                    if (trial.shouldPrune()) {
                        kill(p);
                        throw new TrialPrunedException();
                    }
                } else if (!line.isBlank()) {
                    last = line.trim();
                }
            }
            code = p.waitFor();
        } catch (IOException | InterruptedException | RuntimeException e) {
            kill(p);
            throw e;
        }
        trial.checkTimeout();
        if (code != 0) {
            String err = lastErr.join();
            throw new IllegalStateException("command exited with code " + code + (err == null ? "" : ": " + err));
        }
        if (last == null) {
            throw new IllegalStateException("command printed no result (expected a number as its last line)");
        }
        String[] parts = last.split("[\\s,]+");
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = parse(parts[i], last);
        }
        return values;
    }

    /** Kills the program and the processes it started (a shell's children would keep its output open). */
    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /** The command with {@code {name}} replaced by the parameter's value. */
    static List<String> substitute(List<String> command, Map<String, Object> params) {
        List<String> out = new ArrayList<>();
        for (String arg : command) {
            Matcher m = PLACEHOLDER.matcher(arg);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                String value = params.containsKey(name) ? String.valueOf(params.get(name)) : m.group();
                m.appendReplacement(sb, Matcher.quoteReplacement(value));
            }
            m.appendTail(sb);
            out.add(sb.toString());
        }
        return out;
    }

    private static double parse(String token, String line) {
        try {
            return Double.parseDouble(token);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("command printed '" + line + "', expected numbers as its last line");
        }
    }

    private static String toJson(Map<String, Object> params) {
        try {
            return JSON.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String lastLine(Process p) {
        String last = null;
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                if (!line.isBlank()) {
                    last = line.trim();
                }
            }
        } catch (IOException ignored) {
            // the process went away; its exit code tells the story
        }
        return last;
    }
}
