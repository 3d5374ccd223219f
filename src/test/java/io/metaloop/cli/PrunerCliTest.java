package io.metaloop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A study file with a pruner, run by {@code metaloop optimize} on SQLite: trials are stopped and keep their reports. */
class PrunerCliTest {

    @TempDir
    Path dir;

    @Test
    void aStudyFilePrunerStopsCommandTrialsWhichKeepTheirReports() throws IOException {
        // each trial reports the curve (x - 0.3)² + 1/step for steps 1..6, then its value at step 6
        Path study = dir.resolve("pruned.yaml");
        Files.writeString(study, """
                name: pruned
                direction: minimize
                objective:
                  type: command
                  command:
                    - awk
                    - -v
                    - x={x}
                    - 'BEGIN { for (s = 1; s <= 6; s++) printf "metaloop:report %d %.17g\\n", s, (x - 0.3) ^ 2 + 1 / s; printf "%.17g\\n", (x - 0.3) ^ 2 + 1 / 6 }'
                search-space: {params: {x: {type: float, low: 0, high: 1}}}
                sampler: {type: random, seed: 2}
                pruner: {type: median, startup-trials: 3}
                budget: {trials: 20}
                """);
        CliRunner.Result r = CliRunner.run("optimize", study.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(Files.exists(dir.resolve("pruned.db")), "stored in SQLite next to the study file");
        CliRunner.Result listed = CliRunner.run("trials", study.toString(), "--format", "json");
        assertEquals(0, listed.exitCode(), listed.all());
        int pruned = 0;
        for (JsonNode t : new ObjectMapper().readTree(listed.out())) {
            double x = t.get("params").get("x").asDouble();
            JsonNode reports = t.get("intermediate_values");
            int steps = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = reports.fields(); it.hasNext(); steps++) {
                Map.Entry<String, JsonNode> e = it.next();
                int step = Integer.parseInt(e.getKey());
                assertEquals((x - 0.3) * (x - 0.3) + 1.0 / step, e.getValue().asDouble(), 1e-12, t.toString());
            }
            if (t.get("state").asText().equals("PRUNED")) {
                pruned++;
                assertTrue(steps >= 1 && steps < 6, t.toString());
            } else {
                assertEquals("COMPLETE", t.get("state").asText(), t.toString());
                assertEquals(6, steps, t.toString());
            }
        }
        assertTrue(pruned >= 3, pruned + " pruned");
    }
}
