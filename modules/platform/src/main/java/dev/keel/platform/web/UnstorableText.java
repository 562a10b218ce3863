package dev.keel.platform.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DatabindException;

/** A text value of a request body that no part of the application can keep; see {@link StorableText}. */
class UnstorableText extends DatabindException {

    private final String flaw;

    UnstorableText(JsonParser parser, String flaw) {
        super(parser, "Text value " + flaw);
        this.flaw = flaw;
    }

    String flaw() {
        return flaw;
    }
}
