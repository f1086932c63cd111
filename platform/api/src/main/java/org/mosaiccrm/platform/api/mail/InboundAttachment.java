package org.mosaiccrm.platform.api.mail;

/**
 * A file attached to an {@link InboundMessage}.
 *
 * @param fileName    its name as the sender gave it (never a path: what follows the last slash), or
 *                    {@code attachment} when it has none
 * @param contentType its MIME type as declared (lower case, no parameters): never trust it to serve the file inline
 * @param size        its size in bytes
 * @param content     its bytes, or null when it is larger than the limit the reader was given (not kept)
 * @since 1.3
 */
public record InboundAttachment(String fileName, String contentType, long size, byte[] content) {

    /** Whether its bytes were read (it was within the size limit). */
    public boolean kept() {
        return content != null;
    }
}
