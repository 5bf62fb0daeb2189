package org.parley.demo;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.parley.Forum;
import org.parley.archive.Archive;
import org.parley.inbound.PostParser;
import org.parley.model.ArchivedMessage;
import org.parley.model.Envelope;
import org.parley.model.ForumList;
import org.parley.model.Version;
import org.parley.store.Tx;

/**
 * A little history for the demo's archive, so that every page shows what it does from the
 * first minute: threads in each language with replies, a post with its translations, an
 * attachment. Written to the archive as the past, not mailed to anyone again.
 */
final class DemoHistory {
    /** One past post; {@code answers} and {@code translates} name an earlier post by key. */
    private record Past(String key, String list, String from, String subject, String text, int daysAgo,
                        String answers, String translates, Optional<Attachment> attachment) {
    }

    private record Attachment(String filename, String type, String content) {
    }

    private static final List<Past> POSTS = List.of(
            new Past("backlog", "strategies-en", "john.smith@delegation-gb.example",
                    "Examination backlogs: what worked for you?",
                    "Dear colleagues,\n\nOur office cut its patent examination backlog by a third in two years.\n"
                            + "Three things helped most:\n\n1. work sharing with other offices,\n"
                            + "2. a fast track for green technologies,\n3. examiners hired on fixed terms.\n\n"
                            + "What has worked in your offices?\n\nJohn", 9, null, null, Optional.empty()),
            new Past("backlog-re1", "strategies-en", "aisha.bello@delegation-ng.example",
                    "Re: Examination backlogs: what worked for you?",
                    "Thank you, John. Work sharing helped us too, once the search reports were in English.\n\n"
                            + "> What has worked in your offices?\n\nAisha", 8, "backlog", null, Optional.empty()),
            new Past("backlog-re2", "strategies-en", "priya.sharma@delegation-in.example",
                    "Re: Examination backlogs: what worked for you?",
                    "We publish our pendency figures every month; the pressure of being seen helped.\n\nPriya",
                    7, "backlog-re1", null, Optional.empty()),
            new Past("backlog-fr", "strategies-fr", "john.smith@delegation-gb.example",
                    "Retards d'examen : qu'est-ce qui a fonctionné chez vous ?",
                    "Chers collègues,\n\nNotre office a réduit d'un tiers son retard d'examen des brevets en deux ans.\n"
                            + "Trois mesures ont le plus aidé :\n\n1. le partage du travail avec d'autres offices,\n"
                            + "2. une procédure accélérée pour les technologies vertes,\n"
                            + "3. des examinateurs recrutés à durée déterminée.\n\n"
                            + "Qu'est-ce qui a fonctionné dans vos offices ?\n\nJohn", 9, null, "backlog", Optional.empty()),
            new Past("backlog-es", "strategies-es", "john.smith@delegation-gb.example",
                    "Retrasos en el examen: ¿qué les ha funcionado?",
                    "Estimados colegas:\n\nNuestra oficina redujo en un tercio su retraso en el examen de patentes "
                            + "en dos años.\nLo que más ayudó:\n\n1. el trabajo compartido con otras oficinas,\n"
                            + "2. una vía rápida para las tecnologías verdes,\n3. examinadores contratados por plazo fijo.\n\n"
                            + "¿Qué les ha funcionado a ustedes?\n\nJohn", 9, null, "backlog", Optional.empty()),
            new Past("indicators", "strategies-fr", "luc.peeters@delegation-be.example",
                    "Indicateurs de suivi d'une stratégie nationale",
                    "Bonjour à toutes et à tous,\n\nComment mesurez-vous les effets de votre stratégie nationale ?\n"
                            + "Nous suivons le nombre de demandes des PME et le délai de première action.\n\nLuc",
                    6, null, null, Optional.empty()),
            new Past("indicators-re1", "strategies-fr", "fatou.diop@delegation-sn.example",
                    "Re: Indicateurs de suivi d'une stratégie nationale",
                    "Bonjour Luc,\n\nVoici le tableau de nos indicateurs, en pièce jointe.\n\nFatou",
                    5, "indicators", null, Optional.of(new Attachment("indicateurs.csv", "text/csv",
                            "indicateur;2024;2025\r\ndemandes PME;412;538\r\ndélai première action (mois);19;14\r\n"))),
            new Past("smes", "strategies-es", "carlos.garcia@delegation-es.example",
                    "Plan nacional de PI y pymes",
                    "Hola a todos:\n\n¿Alguien ha evaluado el efecto de los bonos de PI para pymes?\n\nCarlos",
                    4, null, null, Optional.empty()),
            new Past("smes-re1", "strategies-es", "lucia.fernandez@delegation-ar.example",
                    "Re: Plan nacional de PI y pymes",
                    "Hola, Carlos:\n\nSí: en Argentina las solicitudes de pymes crecieron un 20 % el primer año.\n\nLucía",
                    3, "smes", null, Optional.empty()),
            new Past("filing", "strategies-ar", "omar.haddad@delegation-eg.example",
                    "تجربة مكتبنا في الإيداع الإلكتروني",
                    "الزملاء الأعزاء،\n\nانتقل مكتبنا إلى الإيداع الإلكتروني الكامل هذا العام (بنسبة 95%).\n"
                            + "ما هي التحديات التي واجهتموها؟\n\nعمر", 5, null, null, Optional.empty()),
            new Past("filing-re1", "strategies-ar", "layla.mansour@delegation-jo.example",
                    "رد: تجربة مكتبنا في الإيداع الإلكتروني",
                    "شكرًا يا عمر. أكبر تحدٍّ عندنا كان تدريب الوكلاء، وقد نظّمنا 12 ورشة عمل.\n\nليلى",
                    4, "filing", null, Optional.empty()),
            new Past("review", "strategies-zh", "li.wei@delegation-cn.example",
                    "知识产权战略中期评估",
                    "各位同事：\n\n我们正在准备国家知识产权战略的中期评估。\n请问各位采用了哪些评估指标？\n\n李伟",
                    6, null, null, Optional.empty()),
            new Past("review-re1", "strategies-zh", "wang.fang@delegation-cn.example",
                    "回复：知识产权战略中期评估",
                    "李伟你好：\n\n我们主要看审查周期、专利质量和转化率三项指标。\n\n王芳",
                    5, "review", null, Optional.empty()),
            new Past("digital", "strategies-ru", "ivan.petrov@delegation-ru.example",
                    "Опыт цифровизации ведомства",
                    "Уважаемые коллеги!\n\nМы перевели делопроизводство по товарным знакам в электронный вид.\n"
                            + "Поделитесь, пожалуйста, вашим опытом.\n\nИван", 3, null, null, Optional.empty()),
            new Past("digital-re1", "strategies-ru", "aigerim.nurlanova@delegation-kz.example",
                    "Re: Опыт цифровизации ведомства",
                    "Иван, добрый день!\n\nУ нас срок регистрации сократился с 12 до 7 месяцев.\n\nАйгерим",
                    2, "digital", null, Optional.empty()),
            new Past("course", "training-en", "aisha.bello@delegation-ng.example",
                    "Distance learning course for examiners",
                    "Has anyone run the distance learning course on patent drafting for their examiners?\n\nAisha",
                    2, null, null, Optional.empty()));

    private DemoHistory() {
    }

    /** Writes the history in one transaction; the archive is theirs from the first page. */
    static void write(Forum forum) {
        Archive archive = new Archive(forum.clock(), forum.search());
        PostParser parser = new PostParser(forum.settings().domain());
        Instant now = forum.clock().instant();
        forum.store().run(tx -> {
            Map<String, ArchivedMessage> written = new HashMap<>();
            for (Past past : POSTS) {
                ForumList list = tx.rooms().list(past.list()).orElseThrow();
                String messageId = "<demo-" + past.key() + "@" + forum.settings().domain() + ">";
                Optional<String> parent = Optional.ofNullable(past.answers()).map(written::get)
                        .map(ArchivedMessage::messageId);
                byte[] raw = raw(past, messageId, parent, now.minus(Duration.ofDays(past.daysAgo())),
                        list.postAddress(forum.settings().domain()));
                long arrival = tx.arrivals().addComposed(new Envelope(past.from(), list.postAddress(
                        forum.settings().domain()), "demo"), raw, now, "DONE history");
                ArchivedMessage message = archive.add(tx, arrival, parser.parse(raw), list);
                written.put(past.key(), message);
                link(tx, past, message, written, now);
            }
        });
    }

    private static void link(Tx tx, Past past, ArchivedMessage message, Map<String, ArchivedMessage> written,
                             Instant now) {
        if (past.translates() != null) {
            tx.versions().link(written.get(past.translates()).id(), message.id(), Version.Kind.TRANSLATION,
                    DemoForum.MODERATOR, now);
        }
    }

    private static byte[] raw(Past past, String messageId, Optional<String> parent, Instant sent, String to) {
        try {
            DemoForum.Person author = DemoForum.person(past.from());
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
            message.setFrom(new InternetAddress(author.email(), author.name(), "UTF-8"));
            message.setRecipients(Message.RecipientType.TO, to);
            message.setSubject(past.subject(), "UTF-8");
            message.setSentDate(Date.from(sent));
            if (past.attachment().isPresent()) {
                MimeBodyPart text = new MimeBodyPart();
                text.setText(past.text(), "UTF-8");
                MimeBodyPart file = new MimeBodyPart();
                Attachment a = past.attachment().get();
                file.setContent(a.content().getBytes(StandardCharsets.UTF_8), a.type() + "; charset=utf-8");
                file.setFileName(a.filename());
                file.setDisposition(MimeBodyPart.ATTACHMENT);
                message.setContent(new MimeMultipart(text, file));
            } else {
                message.setText(past.text(), "UTF-8");
            }
            message.saveChanges();
            message.setHeader("Message-ID", messageId);
            if (parent.isPresent()) {
                message.setHeader("In-Reply-To", parent.get());
                message.setHeader("References", parent.get());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new UncheckedIOException(new IOException("cannot write the demo's history: " + e.getMessage(), e));
        }
    }
}
