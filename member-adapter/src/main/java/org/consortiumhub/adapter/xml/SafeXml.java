package org.consortiumhub.adapter.xml;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads XML from a member's server. Hardened: no DTDs, no external entities. Forgiving where real servers are
 * sloppy: bytes that are not UTF-8 and characters XML forbids (MARC-8 escape codes leak into OAI-PMH responses) become
 * U+FFFD, so one badly encoded record is reported on its own instead of losing the whole page.
 */
public final class SafeXml {

    /** What a damaged character reads as; a record containing it is reported as badly encoded. */
    public static final char DAMAGED = '\uFFFD';

    private static final XMLInputFactory FACTORY = factory();

    private SafeXml() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }

    /** A reader over UTF-8 bytes, damaged bytes and characters replaced. */
    public static XMLStreamReader read(byte[] utf8) throws XMLStreamException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        Reader text = new XmlCharacters(new InputStreamReader(new ByteArrayInputStream(utf8), decoder));
        return FACTORY.createXMLStreamReader(text);
    }

    /** Skips the element the reader is on, with everything inside it, leaving the reader on its end tag. */
    public static void skip(XMLStreamReader xml) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** Replaces the characters XML 1.0 does not allow with {@link #DAMAGED}. */
    private static final class XmlCharacters extends java.io.FilterReader {

        XmlCharacters(Reader in) {
            super(in);
        }

        @Override
        public int read() throws java.io.IOException {
            int c = super.read();
            return c < 0 ? c : clean((char) c);
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws java.io.IOException {
            int n = super.read(buffer, offset, length);
            for (int i = offset; i < offset + n; i++) {
                buffer[i] = clean(buffer[i]);
            }
            return n;
        }

        private static char clean(char c) {
            boolean allowed = c >= 0x20 && c != 0xFFFE && c != 0xFFFF || c == '\t' || c == '\n' || c == '\r';
            return allowed ? c : DAMAGED;
        }
    }
}
