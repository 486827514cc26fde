package io.mailbridge.demo;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/** The seed mail of the embedded demo: six messages as a Gmail inbox would hold them. */
public final class DemoMail {

    /** The demo mailbox's address and IMAP login. */
    public static final String ACCOUNT = "alex.martin@example.com";

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final String UTF_8 = "UTF-8";
    // setSentDate would print the JVM's zone; a sender's own offset is what real mail carries
    private static final DateTimeFormatter RFC_5322_DATE =
        DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);

    private DemoMail() {
    }

    public static List<MimeMessage> messages() {
        try {
            return List.of(lunch(), shipped(), invoice(), complaint(), minutes(), newsletter());
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot build the demo seed mail", e);
        }
    }

    public static List<byte[]> rawMessages() {
        return messages().stream().map(DemoMail::raw).toList();
    }

    private static MimeMessage lunch() throws MessagingException, IOException {
        MimeMessage m = message("Priya Raman", "priya.raman@example.org", "Lunch on Thursday?",
            "2026-11-23T09:14:05+00:00", "CAKf9a2u8-lunch-2026@mail.example.org");
        m.setText("Hi Alex,\n\nAre you free for lunch on Thursday? The new ramen place on Baker Street\n"
            + "opens at 12:00. I can book a table for two.\n\nPriya\n", UTF_8);
        return saved(m);
    }

    private static MimeMessage shipped() throws MessagingException, IOException {
        MimeMessage m = message("Northwind Store", "orders@northwind.example.com",
            "Your order #A-20417 has shipped", "2026-11-24T16:02:51+01:00",
            "0100018f2c3e-shipping-A-20417@notify.northwind.example.com");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text("Good news! Order #A-20417 (1 × USB-C dock) is on its way.\n"
            + "Tracking number: 1Z999AA10123456784\nExpected delivery: Thursday 26 November.\n"));
        alternative.addBodyPart(html("<html><body><h2>Good news!</h2>"
            + "<p>Order <b>#A-20417</b> (1 × USB-C dock) is on its way.</p>"
            + "<p>Tracking number: <a href=\"https://track.example.com/1Z999AA10123456784\">"
            + "1Z999AA10123456784</a><br>Expected delivery: Thursday 26 November.</p></body></html>"));
        m.setContent(alternative);
        return saved(m);
    }

    private static MimeMessage invoice() throws MessagingException, IOException {
        MimeMessage m = message("Contoso Billing", "billing@contoso.example.net", "Invoice INV-2026-0117",
            "2026-11-25T08:30:00+00:00", "inv-2026-0117.7f3e91@billing.contoso.example.net");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(text("Dear Alex Martin,\n\nPlease find attached invoice INV-2026-0117 "
            + "for November (249.00 EUR), due on 10 December 2026.\n\nKind regards,\nContoso Billing\n"));
        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(DemoAttachments.pdf(List.of(
            "Contoso Ltd - Invoice INV-2026-0117", "Customer: Alex Martin",
            "Cloud storage, November 2026: 249.00 EUR", "Due: 10 December 2026")), "application/pdf")));
        pdf.setFileName("INV-2026-0117.pdf");
        pdf.setDisposition(Part.ATTACHMENT);
        mixed.addBodyPart(pdf);
        m.setContent(mixed);
        return saved(m);
    }

    private static MimeMessage complaint() throws MessagingException, IOException {
        MimeMessage m = message("Éloïse Durand", "eloise.durand@example.fr",
            "Réclamation commande n°1234 – ça ne marche pas", "2026-11-26T11:47:12+01:00",
            "5f1c2d9e-8b4a-4c1e-9d3f-reclamation1234@example.fr");
        m.setText("Bonjour,\n\nJ'ai reçu la commande n°1234 hier, mais l'appareil ne s'allume pas : "
            + "l'écran reste noir.\nPourriez-vous m'indiquer la procédure de retour ou d'échange ?\n\n"
            + "Merci d'avance,\nÉloïse Durand\n", UTF_8);
        return saved(m);
    }

    private static MimeMessage minutes() throws MessagingException, IOException {
        MimeMessage m = message("田中 遥", "haruka.tanaka@example.jp", "11月26日 定例会議の議事録",
            "2026-11-27T10:05:33+09:00", "20261127010533.A1B2C3@mail.example.jp");
        m.setText("マーティン様\n\nお疲れ様です。田中です。\n本日の定例会議の議事録を共有いたします。\n\n"
            + "1. 新機能のリリースは12月15日に決定\n2. 次回の会議は12月3日（木）10時から\n\nよろしくお願いいたします。\n",
            UTF_8);
        return saved(m);
    }

    private static MimeMessage newsletter() throws MessagingException, IOException {
        MimeMessage m = message("Fabrikam Weekly", "news@fabrikam.example.com", "This week at Fabrikam: winter release",
            "2026-11-27T18:00:00+00:00", "nl-2026-48.c0ffee@lists.fabrikam.example.com");
        m.setHeader("List-Unsubscribe", "<https://fabrikam.example.com/unsubscribe?u=alex>");
        MimeMultipart related = new MimeMultipart("related");
        related.addBodyPart(html("<html><body><img src=\"cid:logo@fabrikam.example.com\" alt=\"Fabrikam\">"
            + "<h1>Winter release</h1><p>Offline mode, faster sync and a new dark theme.</p></body></html>"));
        MimeBodyPart logo = new MimeBodyPart();
        logo.setDataHandler(new DataHandler(new ByteArrayDataSource(DemoAttachments.logoPng(), "image/png")));
        logo.setContentID("<logo@fabrikam.example.com>");
        logo.setDisposition(Part.INLINE);
        logo.setFileName("logo.png");
        related.addBodyPart(logo);
        m.setContent(related);
        return saved(m);
    }

    private static MimeMessage message(String name, String address, String subject, String date, String id)
        throws MessagingException, UnsupportedEncodingException {
        MimeMessage m = new SeedMessage(SESSION);
        m.setFrom(new InternetAddress(address, name, UTF_8));
        m.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(ACCOUNT, "Alex Martin", UTF_8));
        m.setSubject(subject, UTF_8);
        m.setHeader("Date", RFC_5322_DATE.format(OffsetDateTime.parse(date)));
        m.setHeader("Message-ID", "<" + id + ">");
        return m;
    }

    private static MimeBodyPart text(String body) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(body, UTF_8);
        return part;
    }

    private static MimeBodyPart html(String body) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(body, UTF_8, "html");
        return part;
    }

    private static MimeMessage saved(MimeMessage m) throws MessagingException {
        m.saveChanges();
        return m;
    }

    private static byte[] raw(MimeMessage m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            m.writeTo(out);
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("cannot write a demo message as raw MIME", e);
        }
        return out.toByteArray();
    }
}
