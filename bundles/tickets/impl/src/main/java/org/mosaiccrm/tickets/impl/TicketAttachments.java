package org.mosaiccrm.tickets.impl;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.Response;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.files.FileDownloads;
import org.mosaiccrm.platform.api.files.FileNames;
import org.mosaiccrm.platform.api.files.FileUpload;
import org.mosaiccrm.platform.api.files.MultipartForm;
import org.mosaiccrm.platform.api.files.StoredFile;
import org.mosaiccrm.platform.api.files.StoredFiles;
import org.mosaiccrm.platform.api.mail.InboundAttachment;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.rest.Problems;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The files of tickets, kept by the platform's {@link StoredFiles}: a ticket's own (sent with it,
 * from the portal or by mail) and those of its replies and notes. Whoever may see the ticket may
 * download its files; through the portal only the ticket's own and its public replies' — an
 * internal note's files never. A file is always served as a download ({@link FileDownloads}).
 */
@Component(service = TicketAttachments.class)
public class TicketAttachments {

    static final String TICKET = "Ticket";
    static final String COMMENT = "TicketComment";
    /** Files one reply carries at most. */
    static final int MAX_FILES = 10;
    /** A text field of a form at most, in bytes: the longest text in UTF-8. */
    static final int MAX_FIELD_BYTES = TicketsResource.TEXT_MAX * 4;

    /** A file as lists show it. */
    public record AttachmentView(String id, String name, String contentType, long size) {

        static AttachmentView of(StoredFile f) {
            return new AttachmentView(f.id(), f.name(), f.contentType(), f.size());
        }
    }

    @Reference
    private StoredFiles files;

    long maxBytes() {
        return files.maxBytes();
    }

    /** A multipart/form-data body: its fields and files, each file under the limit (413 naming it), at most {@value #MAX_FILES}. */
    MultipartForm.Received receive(String contentType, InputStream body) throws IOException {
        return MultipartForm.receive(contentType, body, files, MAX_FILES, MAX_FIELD_BYTES);
    }

    /** Stores the files for a ticket or comment in the caller's transaction. */
    List<AttachmentView> store(ObjectContext ctx, String entity, String ownerId, List<FileUpload> uploads, String createdBy) {
        List<AttachmentView> stored = new ArrayList<>();
        for (FileUpload upload : uploads) {
            stored.add(AttachmentView.of(files.store(ctx, entity, ownerId, upload, createdBy)));
        }
        return stored;
    }

    /** The files of these tickets or comments, by owner id, oldest first. */
    Map<String, List<AttachmentView>> byOwner(ObjectContext ctx, String entity, Collection<String> ownerIds) {
        Map<String, List<AttachmentView>> byOwner = new LinkedHashMap<>();
        if (!ownerIds.isEmpty()) {
            files.list(ctx, entity, ownerIds).forEach(f -> byOwner.computeIfAbsent(f.ownerId(), k -> new ArrayList<>()).add(AttachmentView.of(f)));
        }
        return byOwner;
    }

    /**
     * Serves a file of the ticket (which the caller found within the asker's reach): the
     * ticket's own, or one of its comments' — of its public ones only when {@code publicOnly}.
     * Any other id answers 404, as if there were no such file.
     */
    Response download(ObjectContext ctx, Ticket t, String fileId, boolean publicOnly) {
        StoredFile file = files.find(ctx, TICKET, fileId).filter(f -> f.ownerId().equals(t.getId()))
                .or(() -> files.find(ctx, COMMENT, fileId).filter(f -> commentOf(ctx, t, f.ownerId(), publicOnly)))
                .orElseThrow(() -> Problems.notFound("attachment", fileId));
        InputStream content = files.open(ctx, file.id()).orElseThrow(() -> Problems.notFound("attachment", fileId));
        return FileDownloads.response(file, content);
    }

    private static boolean commentOf(ObjectContext ctx, Ticket t, String commentId, boolean publicOnly) {
        TicketComment c = ObjectSelect.query(TicketComment.class).where(MosaicRecord.ID.eq(commentId)).selectOne(ctx);
        return c != null && t.getId().equals(c.getTicketId()) && (!publicOnly || Boolean.TRUE.equals(c.isPublic()));
    }

    /**
     * Stores a mail's attachments that were read (within the limit) for the ticket or comment, and
     * says in words which were not: a line per file over the limit, with its name and size, for the
     * text of what the mail became — none is dropped without a word. Empty when all were kept.
     */
    String storeInbound(ObjectContext ctx, String entity, String ownerId, List<InboundAttachment> attachments, String from) {
        StringBuilder notKept = new StringBuilder();
        List<FileUpload> kept = new ArrayList<>();
        for (InboundAttachment a : attachments) {
            if (a.kept() && a.content().length <= files.maxBytes()) {
                kept.add(new FileUpload(a.fileName(), a.contentType(), a.content()));
            } else {
                notKept.append("\n[Attachment not kept: ").append(FileNames.clean(a.fileName())).append(" (").append(a.size())
                        .append(" bytes) is larger than the limit of ").append(FileUpload.megabytes(files.maxBytes())).append(" MB.]");
            }
        }
        store(ctx, entity, ownerId, kept, "mail:" + from);
        return notKept.toString();
    }
}
