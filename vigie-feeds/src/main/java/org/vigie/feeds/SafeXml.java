package org.vigie.feeds;

import javax.xml.stream.XMLInputFactory;

/**
 * StAX readers for documents from outside: no DTD, no external entities, no entity expansion. A document
 * that declares a DTD fails to parse instead of resolving anything (XXE, billion laughs).
 */
public final class SafeXml {
    private SafeXml() {
    }

    public static XMLInputFactory inputFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(javax.xml.XMLConstants.ACCESS_EXTERNAL_DTD, ""); // no protocol at all, should DTDs be re-enabled
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new javax.xml.stream.XMLStreamException("external resource refused: " + systemId);
        });
        return f;
    }
}
