package org.mosaiccrm.platform.mail.internal;

import java.util.List;
import java.util.Map;

import org.mosaiccrm.platform.api.monitoring.MetricsSource;
import org.mosaiccrm.platform.api.monitoring.MetricsWriter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The outbox in the metrics: mails waiting, being handed over, failed for good, or of unknown fate, and sent. */
@Component(service = MetricsSource.class)
public class MailMonitoring implements MetricsSource {

    private static final List<String> STATES = List.of(MailStore.QUEUED, MailStore.SENDING, MailStore.FAILED, MailStore.UNKNOWN,
            MailStore.SENT);

    @Reference
    private MailStore store;

    @Override
    public void collect(MetricsWriter metrics) {
        Map<String, Long> counts = store.countByState();
        var outbox = metrics.gauge("mosaic_mail_outbox_messages", "Mails in the outbox, by state.");
        // Every state, zeros included, so that an alert on failed mail has a series before the first failure.
        for (String state : STATES) {
            outbox.sample(counts.getOrDefault(state, 0L), "state", state);
        }
    }
}
