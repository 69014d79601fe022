package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A JSON factory whose UTF-8 generators {@link EcsMapper} may feed pre-encoded parts of a document (a flow's
 * addresses, the observer, the fixed {@code event} fields) in one copy each, instead of token by token. The parts
 * are encoded once by the same code, through a generator of this factory with its default settings, so a document
 * is byte for byte what the token-by-token path writes; a generator whose settings were changed (features, escapes,
 * pretty printing) is written token by token. Generators of other factories always are.
 */
public final class EcsJsonFactory extends JsonFactory {

    private static final long serialVersionUID = 1L;
    private static final int DEFAULT_FEATURES = JsonGenerator.Feature.collectDefaults();

    private final String rootValueSeparator;

    /**
     * @param rootValueSeparator written between root-level documents, e.g. {@code "\n"} for NDJSON; null for none
     */
    public EcsJsonFactory(String rootValueSeparator) {
        super(new JsonFactoryBuilder().rootValueSeparator(rootValueSeparator));
        this.rootValueSeparator = rootValueSeparator;
    }

    @Override
    public JsonFactory copy() {
        EcsJsonFactory copy = new EcsJsonFactory(rootValueSeparator);
        copy.setCodec(getCodec());
        return copy;
    }

    @Override
    protected JsonGenerator _createUTF8Generator(OutputStream out, IOContext ctxt) throws IOException {
        Utf8Generator generator = new Utf8Generator(ctxt, _generatorFeatures, _objectCodec, out, _quoteChar);
        if (_maximumNonEscapedChar > 0) {
            generator.setHighestNonEscapedChar(_maximumNonEscapedChar);
        }
        if (_characterEscapes != null) {
            generator.setCharacterEscapes(_characterEscapes);
        }
        SerializableString separator = _rootValueSeparator;
        if (separator != DEFAULT_ROOT_VALUE_SEPARATOR) {
            generator.setRootValueSeparator(separator);
        }
        return _decorate(generator);
    }

    /** Whether {@code out} takes pre-encoded parts: a generator of this factory, with default settings. */
    static boolean takesEncodedParts(JsonGenerator out) {
        return out instanceof Utf8Generator generator && generator.plain();
    }

    /** A UTF-8 generator that says whether it still writes exactly as the default settings do. */
    private static final class Utf8Generator extends UTF8JsonGenerator {

        private final boolean defaultQuote;

        Utf8Generator(IOContext ctxt, int features, ObjectCodec codec, OutputStream out, char quoteChar) {
            super(ctxt, features, codec, out, quoteChar);
            this.defaultQuote = quoteChar == '"';
        }

        boolean plain() {
            return defaultQuote && getFeatureMask() == DEFAULT_FEATURES && getPrettyPrinter() == null
                    && getCharacterEscapes() == null && getHighestEscapedChar() == 0;
        }
    }
}
