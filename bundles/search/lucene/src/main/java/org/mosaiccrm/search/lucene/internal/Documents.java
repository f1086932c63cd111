package org.mosaiccrm.search.lucene.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.BytesRef;
import org.mosaiccrm.search.api.SearchDocument;

/** The Lucene fields of a search document, and the names every other class uses for them. */
final class Documents {

    /** {@code type/id}: the one term that identifies a document, for updates and deletes. */
    static final String KEY = "key";
    static final String TYPE = "type";
    static final String ID = "id";
    static final String TITLE = "title";
    /** Title and text together: what words match and snippets come from. */
    static final String ALL = "all";
    static final String LOOKUP = "lookup";
    static final String OWNER = "owner";
    static final String TEAM = "team";
    /** Marks a document without owner and team: the company's (a product), found by everyone who may read its type. */
    static final String SHARED = "shared";
    /** The rebuild that last wrote the document; older ones are dropped when a rebuild ends. */
    static final String GENERATION = "gen";
    static final String FIELD_PREFIX = "f.";

    private Documents() {
    }

    static Term key(String type, String id) {
        return new Term(KEY, type + "/" + id);
    }

    static Document of(String type, SearchDocument doc, String generation) {
        Document d = new Document();
        d.add(new StringField(KEY, type + "/" + doc.id(), Field.Store.NO));
        d.add(new StringField(TYPE, type, Field.Store.YES));
        d.add(new SortedDocValuesField(TYPE, new BytesRef(type)));
        d.add(new StoredField(ID, doc.id()));
        d.add(new TextField(TITLE, doc.title(), Field.Store.YES));
        StringBuilder all = new StringBuilder(doc.title());
        append(all, doc.text());
        doc.emails().forEach(e -> append(all, e));
        doc.phones().forEach(p -> append(all, p));
        doc.domains().forEach(dm -> append(all, dm));
        d.add(new TextField(ALL, all.toString(), Field.Store.YES));
        for (String lookup : Lookups.of(doc)) {
            d.add(new StringField(LOOKUP, lookup, Field.Store.NO));
        }
        if (doc.ownerId() != null) {
            d.add(new StringField(OWNER, doc.ownerId(), Field.Store.NO));
        }
        if (doc.teamId() != null) {
            d.add(new StringField(TEAM, doc.teamId(), Field.Store.NO));
        }
        if (doc.ownerId() == null && doc.teamId() == null) {
            d.add(new StringField(SHARED, "1", Field.Store.NO));
        }
        for (Map.Entry<String, List<String>> f : doc.fields().entrySet()) {
            for (String value : f.getValue()) {
                if (value != null) {
                    d.add(new StringField(FIELD_PREFIX + f.getKey(), value.toLowerCase(Locale.ROOT), Field.Store.NO));
                }
            }
        }
        d.add(new StringField(GENERATION, generation, Field.Store.NO));
        return d;
    }

    private static void append(StringBuilder all, String text) {
        if (text != null && !text.isBlank()) {
            all.append(all.length() == 0 ? "" : "\n").append(text);
        }
    }
}
