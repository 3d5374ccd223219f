package io.metaloop.objective;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.metaloop.space.Distribution;
import io.metaloop.space.SearchSpace;
import io.metaloop.spec.SearchSpaceFiles;
import io.metaloop.train.data.Shape;
import io.metaloop.train.nn.NetworkSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped layout spaces hold the networks they are meant to hold. */
class ShippedLayoutsTest {

    private static final Shape FASHION = new Shape(1, 28, 28);

    /**
     * The parameters a trial of {@code space} gets when every value it asks for is the one in
     * {@code point}, each checked to lie in its distribution.
     */
    private static Map<String, Object> sample(SearchSpace space, Map<String, Object> point) {
        return space.suggestAll((String name, Distribution d) -> {
            Object v = point.get(name);
            assertTrue(v != null && d.contains(d.toInternal(v)), name + " = " + v + " is not in " + d);
            return v;
        });
    }

    @Test
    void theHandWrittenFashionCnnIsAPointOfTheFlagshipSpace() throws IOException {
        SearchSpace space = SearchSpaceFiles.read(Path.of("search-spaces/fashion-mnist-10k.yaml"));
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("blocks", 6);
        int[] filters = {12, 24, 20};
        for (int c = 0; c < 3; c++) {
            String conv = "block_" + 2 * c + "_";
            String pool = "block_" + (2 * c + 1) + "_";
            point.put(conv + "type", "conv");
            point.put(conv + "conv_filters", filters[c]);
            point.put(conv + "conv_kernel", 3);
            point.put(conv + "conv_activation", "relu");
            point.put(conv + "conv_norm", "none");
            point.put(pool + "type", "pool");
            point.put(pool + "pool_kind", "max");
            point.put(pool + "pool_size", 2);
        }
        point.put("optimizer", "adam");
        point.put("lr", 0.003);
        point.put("schedule", "cosine");
        assertEquals(point, sample(space, point), "a trial of the space can take exactly these values");

        @SuppressWarnings("unchecked")
        Map<String, Object> handWritten = (Map<String, Object>) new ObjectMapper(new YAMLFactory())
                .readValue(Path.of("studies/best/fashion-mnist-cnn-10k.yaml").toFile(), Map.class).get("params");
        NetworkSpec net = NetworkParams.network(point, FASHION, 10);
        assertEquals(NetworkParams.network(handWritten, FASHION, 10), net);
        assertEquals(8886, net.parameterCount());
        assertEquals(NetworkParams.training(handWritten, 20, 64, 0), NetworkParams.training(point, 20, 64, 0));
    }

    @Test
    void theDigitsLayoutSpaceHoldsConvolutionsPoolingAndDenseBlocks() {
        SearchSpace space = SearchSpaceFiles.read(Path.of("search-spaces/digits-layout.yaml"));
        Map<String, Object> point = Map.of("blocks", 3, "block_0_type", "dense", "block_0_dense_units", 20,
                "block_0_dense_activation", "tanh", "block_0_dense_dropout", 0.1, "block_1_type", "conv",
                "block_1_conv_filters", 6, "block_1_conv_kernel", 3, "block_2_type", "pool", "block_2_pool_kind", "avg");
        Map<String, Object> full = new LinkedHashMap<>(point);
        full.put("block_2_pool_size", 2);
        full.put("optimizer", "adamw");
        full.put("lr", 0.01);
        assertEquals(full, sample(space, full));
        // conv 6@3x3 (60) -> avg pool -> 6x4x4 -> dense 20 (1940) -> dense 10 (210)
        assertEquals(60 + 1940 + 210, NetworkParams.network(full, new Shape(1, 8, 8), 10).parameterCount());
    }
}
