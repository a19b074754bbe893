package io.alexandria.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alexandria.embedding.BundledModel;
import io.alexandria.embedding.Embedder;
import io.alexandria.embedding.ModelSpec;
import io.alexandria.embedding.Pooling;
import io.alexandria.keywords.TextLanguage;
import io.alexandria.testsupport.TestModels;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryEmbeddingTest {

    private static ModelSpec spec(String id) {
        return new ModelSpec(id, 384, 512, Pooling.CLS, true);
    }

    @Test
    void englishBgeModelsGetTheirQueryInstruction() {
        assertEquals(QueryEmbedding.BGE_QUERY_INSTRUCTION, QueryEmbedding.instructionFor(BundledModel.SPEC));
        assertEquals(QueryEmbedding.BGE_QUERY_INSTRUCTION, QueryEmbedding.instructionFor(spec("baai/bge-base-en-v1.5")));
        assertEquals("", QueryEmbedding.instructionFor(spec("baai/bge-m3")));
        assertEquals("", QueryEmbedding.instructionFor(spec("sentence-transformers/all-minilm-l6-v2")));
    }

    @Test
    void englishModelsCoverEnglishQuestionsOnly() {
        assertTrue(QueryEmbedding.englishOnly(BundledModel.SPEC));
        assertTrue(QueryEmbedding.englishOnly(spec("sentence-transformers/all-minilm-l6-v2")));
        assertFalse(QueryEmbedding.englishOnly(spec("baai/bge-m3")));
        QueryEmbedding bundled = QueryEmbedding.of(TestModels.bundled());
        assertTrue(bundled.covers(TextLanguage.ENGLISH));
        assertFalse(bundled.covers(TextLanguage.JAPANESE));
        assertFalse(bundled.covers(TextLanguage.CHINESE_KOREAN));
    }

    @Test
    void theQuestionIsEmbeddedWithTheInstructionBeforeIt() throws Exception {
        Embedder model = TestModels.bundled();
        float[] expected = model.embed(List.of(QueryEmbedding.BGE_QUERY_INSTRUCTION + "lighthouse keepers"))[0];
        assertArrayEquals(expected, QueryEmbedding.of(model).embed("lighthouse keepers"), 1e-6f);
    }
}
