package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.MosaicServer;
import org.mosaiccrm.platform.testing.Workload;

/**
 * The campaign benchmark of issue 19: the workload's people (100,000 by default) imported, one
 * campaign to everyone with an address, sent through a local SMTP sink (GreenMail, in this JVM)
 * until the job is done — beside a plain Angus Mail loop sending as many messages of the same
 * shape (multipart/alternative, one connection) to the same sink in the same run. A benchmark,
 * not a test: it measures and asserts nothing about time. Run by the {@code bench} profile only:
 * {@code mvn -B -pl distribution verify -Pbench -Dit.test=CampaignBenchmark -Dbench.people=100000}.
 *
 * <p>The campaign's rate is set to the highest the settings take (100,000 a minute), so the rate
 * limit, not the sender, caps it above 1,667 messages a second. Properties: {@code bench.people},
 * {@code bench.seed}.
 */
class CampaignBenchmark {

    @Test
    void sendToEveryone() throws Exception {
        int people = Integer.getInteger("bench.people", 100_000);
        Workload workload = Workload.ofPeople(Long.getLong("bench.seed", Workload.DEFAULT_SEED), people);
        Files.createDirectories(Bench.OUT);
        GreenMail sink = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        sink.start();
        // Every message into one mailbox: GreenMail otherwise makes a user per new address and
        // finds users by address one after another, a cost that grows with every recipient and
        // would be the sink's, not the sender's.
        com.icegreen.greenmail.user.GreenMailUser inbox = sink.setUser("sink@example.com", "sink");
        sink.getUserManager().setMessageDeliveryHandler((message, address) -> inbox);
        StringBuilder report = new StringBuilder();
        try (MosaicServer server = MosaicServer.fresh(Map.of("EXTRA_JAVA_OPTS", System.getProperty("bench.serverOpts", ""))).start()) {
            ApiClient admin = BlackBox.admin(server);
            Contacts.enable(admin);
            admin.post("modules/campaigns/enable", Map.of()).expect(200);
            BlackBox.await(() -> admin.get("campaigns/templates"), 200);
            String db = admin.get("health").expect(200).json().path("database").asText();
            long start = System.nanoTime();
            JsonNode imported = Bench.awaitJob(admin, Bench.startImport(admin, workload), start, Bench.OUT.resolve("campaign.txt"));
            assertEquals("done", imported.path("state").asText(), imported.toString());
            Bench.log("imported %,d people in %.0f s", imported.path("created").asLong(), (System.nanoTime() - start) / 1e9);

            Map<String, Object> settings = new HashMap<>();
            settings.put("smtpHost", "127.0.0.1");
            settings.put("smtpPort", sink.getSmtp().getPort());
            settings.put("smtpSecurity", "none");
            settings.put("fromAddress", "news@example.com");
            settings.put("fromName", "Bench News");
            settings.put("ratePerMinute", 600_000);
            settings.put("publicBaseUrl", "https://crm.example.com");
            admin.put("campaigns/settings/mail", settings).expect(200);
            String segment = admin.post("campaigns/segments", Map.of("name", "Everyone with an address", "match", "all", "rules",
                    List.of(Map.of("field", "email", "op", "isSet")))).expect(201).json().path("id").asText();
            String template = admin.post("campaigns/templates", Map.of("name", "Bench offer", "subject", "An offer for {{person.firstName|you}}",
                    "html", "<p>Dear {{person.firstName|friend}},</p><p>see <a href=\"https://example.com/offer\">the offer</a>.</p>",
                    "text", "Dear {{person.firstName|friend}}, see https://example.com/offer")).expect(201).json().path("id").asText();
            String campaign = admin.post("campaigns", Map.of("name", "Bench campaign", "segmentId", segment, "templateId", template))
                    .expect(201).json().path("id").asText();
            long recipients = admin.get("campaigns/segments/" + segment + "/preview").expect(200).json().path("count").asLong();

            Bench.awaitIdleCpu(server, 120);
            long sendStart = System.nanoTime();
            String job = admin.post("campaigns/" + campaign + "/send", Map.of()).expect(202).json().path("jobId").asText();
            JsonNode done = Bench.awaitJob(admin, job, sendStart, Bench.OUT.resolve("campaign.txt"));
            double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
            JsonNode stats = admin.get("campaigns/" + campaign + "/stats").expect(200).json();
            int received = sink.getReceivedMessages().length;
            long sent = stats.path("sent").asLong();
            Bench.log("campaign: %s; %,d sent in %.1f s", done.path("state").asText(), sent, sendSeconds);
            sink.purgeEmailFromAllMailboxes();

            double loopSeconds = plainLoop(sink.getSmtp().getPort(), (int) sent);
            int looped = sink.getReceivedMessages().length;
            report.append(String.format(Locale.ROOT, "machine   %s%njvm       %s%ndatabase  %s%ncommit    %s%n%n", Bench.machine(), Bench.jvm(), db,
                    Bench.gitCommit()));
            report.append(String.format(Locale.ROOT, "people    %,d imported, %,d in the segment (an address, consent not withdrawn)%n",
                    imported.path("created").asLong(), recipients));
            report.append(String.format(Locale.ROOT, "campaign  %,d sent, %,d failed, %,d unknown, %,d received by the sink in %.1f s: %,.0f messages/s"
                    + " (job %s; send to done, incl. the segment's evaluation)%n", sent, stats.path("failed").asLong(),
                    stats.path("unknown").asLong(), received, sendSeconds, sent / sendSeconds, done.path("state").asText()));
            report.append(String.format(Locale.ROOT, "plain     %,d messages by one Angus Mail connection in a loop, %,d received, in %.1f s: %,.0f messages/s%n",
                    sent, looped, loopSeconds, sent / loopSeconds));
            report.append(String.format(Locale.ROOT, "ratio     campaign / plain loop = %.3f (target >= 0.5)%n", (sent / sendSeconds) / (sent / loopSeconds)));
        } finally {
            sink.stop();
        }
        Files.writeString(Bench.OUT.resolve("campaign.txt"), report.toString());
        System.out.println(report);
    }

    /** The floor: the same number of multipart/alternative messages through one plain connection, one after another. */
    private static double plainLoop(int port, int messages) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port));
        Session session = Session.getInstance(props);
        long start = System.nanoTime();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int i = 0; i < messages; i++) {
                MimeMessage m = new MimeMessage(session);
                m.setFrom(new InternetAddress("news@example.com", "Bench News"));
                InternetAddress to = new InternetAddress("person" + i + "@example.com");
                m.setRecipient(Message.RecipientType.TO, to);
                m.setSubject("An offer for Person " + i, "UTF-8");
                MimeMultipart alternative = new MimeMultipart("alternative");
                MimeBodyPart text = new MimeBodyPart();
                text.setText("Dear Person " + i + ", see https://example.com/offer", "UTF-8");
                MimeBodyPart html = new MimeBodyPart();
                html.setContent("<p>Dear Person " + i + ",</p><p>see <a href=\"https://example.com/offer\">the offer</a>.</p>",
                        "text/html; charset=UTF-8");
                alternative.addBodyPart(text);
                alternative.addBodyPart(html);
                m.setContent(alternative);
                m.saveChanges();
                transport.sendMessage(m, new InternetAddress[] {to});
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
