package org.parley.search;

/** The names of the index's fields: one set of text fields per language, so each is analysed by its own. */
final class Fields {
    static final String ID = "id";
    static final String LIST = "list";
    static final String ROOM = "room";
    static final String LANGUAGE = "language";
    static final String DELEGATION = "delegation";
    static final String AUTHOR = "author";
    static final String THREAD = "thread";
    static final String DATE = "date";
    static final String HAS_FILES = "has_files";
    static final String FILES = "files";

    private Fields() {
    }

    static String subject(String language) {
        return "subject_" + language;
    }

    static String text(String language) {
        return "text_" + language;
    }

    /** Quoted text of the message answered: found, but weighing less than the author's own words. */
    static String quoted(String language) {
        return "quoted_" + language;
    }

    /** The language of a language field, or "" for any other field. */
    static String languageOf(String field) {
        int underscore = field.lastIndexOf('_');
        boolean perLanguage = field.startsWith("subject_") || field.startsWith("text_") || field.startsWith("quoted_");
        return perLanguage ? field.substring(underscore + 1) : "";
    }
}
