package io.otsoc.routes.pipeline;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentBufferTest {

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aDocumentInOneWriteIsTheSliceWritten() {
        DocumentBuffer buffer = new DocumentBuffer(4);
        byte[] generatorBuffer = ascii("xx{\"a\":1}yy");

        buffer.write(generatorBuffer, 2, 7);
        byte[] document = buffer.toByteArray();
        generatorBuffer[3] = 'Z'; // the generator reuses its buffer

        assertThat(new String(document, StandardCharsets.US_ASCII)).isEqualTo("{\"a\":1}");
    }

    @Test
    void aDocumentInSeveralWritesOfBothKindsKeepsTheirOrder() {
        DocumentBuffer buffer = new DocumentBuffer(2);

        buffer.write(ascii("{\"a\":"), 0, 5);
        buffer.write('1');
        buffer.write(ascii(",\"b\":[1,2,3]}"), 0, 13);

        assertThat(new String(buffer.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("{\"a\":1,\"b\":[1,2,3]}");
    }

    @Test
    void eachDocumentStartsAfreshAndEarlierOnesStayAsTheyWere() {
        DocumentBuffer buffer = new DocumentBuffer(8);
        buffer.write(ascii("{\"n\":1}"), 0, 7);
        byte[] first = buffer.toByteArray();

        buffer.reset();
        buffer.write(ascii("{\"n\":"), 0, 5);
        buffer.write(ascii("22}"), 0, 3);
        byte[] second = buffer.toByteArray();
        buffer.reset();
        buffer.write(ascii("{}"), 0, 2);

        assertThat(new String(first, StandardCharsets.US_ASCII)).isEqualTo("{\"n\":1}");
        assertThat(new String(second, StandardCharsets.US_ASCII)).isEqualTo("{\"n\":22}");
        assertThat(new String(buffer.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("{}");
        buffer.reset();
        assertThat(buffer.toByteArray()).isEmpty();
    }
}
