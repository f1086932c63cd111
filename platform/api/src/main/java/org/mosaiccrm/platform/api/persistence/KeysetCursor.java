package org.mosaiccrm.platform.api.persistence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;

import org.mosaiccrm.platform.api.rest.PageRequest;

/**
 * Where the next page of a record list starts: the sort it belongs to, the sort key's value
 * and the id of the last item handed out, and the total counted on the first page (so later
 * pages do not count again). Opaque to clients (base64url); a cursor that does not decode,
 * belongs to another sort, or carries a value of another type is refused with 400. A cursor
 * a client forged can only move the start of a page: the access rule stays in the query.
 */
record KeysetCursor(String sort, Object value, String lastId, long total, boolean totalExact) {

    private static final int FORMAT = 1;

    /** The first page's total this cursor carries. */
    ListTotal counted() {
        return new ListTotal(total, totalExact);
    }

    String encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(sort);
            writeValue(out, value);
            out.writeUTF(lastId);
            out.writeLong(total);
            out.writeBoolean(totalExact);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    /** The cursor, if it was issued for this sort and its value has the key's type; 400 otherwise. */
    static KeysetCursor decode(String cursor, Sort sort) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(cursor)))) {
            if (in.readByte() != FORMAT || !in.readUTF().equals(sort.token())) {
                throw PageRequest.badCursor();
            }
            Object value = readValue(in);
            String lastId = in.readUTF();
            long total = in.readLong();
            boolean exact = in.readBoolean();
            if (in.read() != -1 || total < 0 || !RecordIds.isWellFormed(lastId)
                    || (value == null ? !sort.key().nullable() : !sort.key().property().getType().isInstance(value))) {
                throw PageRequest.badCursor();
            }
            return new KeysetCursor(sort.token(), value, lastId, total, exact);
        } catch (IOException | IllegalArgumentException | java.time.DateTimeException e) {
            throw PageRequest.badCursor();
        }
    }

    private static void writeValue(DataOutputStream out, Object value) throws IOException {
        if (value == null) {
            out.writeByte('0');
        } else if (value instanceof String s) {
            out.writeByte('S');
            out.writeUTF(s);
        } else if (value instanceof LocalDateTime t) {
            out.writeByte('T');
            out.writeUTF(t.toString());
        } else if (value instanceof LocalDate d) {
            out.writeByte('D');
            out.writeUTF(d.toString());
        } else if (value instanceof Long l) {
            out.writeByte('L');
            out.writeLong(l);
        } else if (value instanceof Integer i) {
            out.writeByte('I');
            out.writeInt(i);
        } else if (value instanceof BigDecimal b) {
            out.writeByte('B');
            out.writeUTF(b.toString());
        } else if (value instanceof Boolean b) {
            out.writeByte('Z');
            out.writeBoolean(b);
        } else {
            throw new IllegalArgumentException("a sort key of type " + value.getClass().getName() + " cannot be paged by keyset");
        }
    }

    private static Object readValue(DataInputStream in) throws IOException {
        int tag = in.readByte();
        return switch (tag) {
            case '0' -> null;
            case 'S' -> in.readUTF();
            case 'T' -> LocalDateTime.parse(in.readUTF());
            case 'D' -> LocalDate.parse(in.readUTF());
            case 'L' -> in.readLong();
            case 'I' -> in.readInt();
            case 'B' -> new BigDecimal(in.readUTF());
            case 'Z' -> in.readBoolean();
            default -> throw new IllegalArgumentException("unknown value tag");
        };
    }
}
