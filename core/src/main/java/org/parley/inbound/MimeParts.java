package org.parley.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.field.ContentTypeField;

/**
 * The leaf parts of a message in a fixed depth-first order, so that "part 3" means the same
 * part when it is listed at archive time and when it is downloaded later.
 */
public final class MimeParts {
    /** What a filename may not carry into a header or a path. */
    private static final Pattern UNSAFE_IN_NAME = Pattern.compile("[\\r\\n\\\\/\"]");

    /** A leaf part: its number, type, file name (may be empty) and Content-ID (may be empty). */
    public record Part(int index, String contentType, String filename, String contentId, boolean attachment,
                       Entity entity) {
        /** Decoded bytes, at most max. */
        public byte[] bytes(int max) throws IOException {
            if (entity.getBody() instanceof SingleBody single) {
                try (InputStream in = single.getInputStream()) {
                    return in.readNBytes(max);
                }
            }
            return new byte[0];
        }

        /** The decoded size in bytes, counted as it streams by rather than held in memory. */
        public long size() throws IOException {
            if (entity.getBody() instanceof SingleBody single) {
                try (InputStream in = single.getInputStream()) {
                    return in.transferTo(OutputStream.nullOutputStream());
                }
            }
            return 0;
        }

        /** What a reader would call an attachment: a file, not the text of the message. */
        public boolean isFile() {
            return attachment || !filename.isEmpty()
                    || !(contentType.startsWith("text/plain") || contentType.startsWith("text/html"));
        }
    }

    private MimeParts() {
    }

    public static List<Part> leaves(Entity message) {
        List<Part> out = new ArrayList<>();
        walk(message, out);
        return out;
    }

    public static Optional<Part> part(Entity message, int index) {
        return leaves(message).stream().filter(p -> p.index() == index).findFirst();
    }

    private static void walk(Entity entity, List<Part> out) {
        Body body = entity.getBody();
        if (body instanceof Multipart multipart) {
            for (Entity child : multipart.getBodyParts()) {
                walk(child, out);
            }
            return;
        }
        String type = entity.getMimeType() == null ? "application/octet-stream" : entity.getMimeType().toLowerCase(Locale.ROOT);
        String filename = entity.getFilename() == null ? "" : PostParser.decoded(entity.getFilename());
        if (filename.isEmpty() && entity.getHeader().getField("Content-Type") instanceof ContentTypeField ct
                && ct.getParameter("name") != null) {
            filename = PostParser.decoded(ct.getParameter("name"));
        }
        String cid = PostParser.firstId(PostParser.value(entity.getHeader(), "Content-ID"));
        boolean attachment = "attachment".equalsIgnoreCase(entity.getDispositionType());
        String safeName = UNSAFE_IN_NAME.matcher(filename).replaceAll("_");
        out.add(new Part(out.size() + 1, type, safeName, cid, attachment, entity));
    }
}
