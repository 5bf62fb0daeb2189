package org.parley.store;

import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.descriptors.ReturningPolicy;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;

/**
 * On PostgreSQL, a row's identity comes back with its {@code INSERT ... RETURNING}. EclipseLink
 * would otherwise ask for it with a {@code select lastval()} after each insert: a second round
 * trip for every message, mailing, thread and arrival routed (four of some twenty a post), and
 * inserts it could not batch. Derby has no {@code RETURNING}, and keeps the identity query.
 * Named by the store in {@code eclipselink.session.customizer}; EclipseLink makes it.
 */
public final class ReturnedIds implements SessionCustomizer {
    @Override
    public void customize(Session session) {
        for (ClassDescriptor descriptor : session.getDescriptors().values()) {
            if (descriptor.usesSequenceNumbers()) {
                ReturningPolicy returning = new ReturningPolicy();
                returning.addFieldForInsertReturnOnly(descriptor.getSequenceNumberField());
                descriptor.setReturningPolicy(returning);
                descriptor.setSequenceNumberField(null);
                descriptor.setSequenceNumberName(null);
            }
        }
    }
}
