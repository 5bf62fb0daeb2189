package org.parley.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Realistic post bodies: paragraphs in the six UN languages, 2 to 8 KB of UTF-8. */
final class Texts {
    static final List<String> LANGUAGES = List.of("en", "fr", "es", "ar", "zh", "ru");
    /** Sentences by language: a post on a list is written in the list's language. */
    private static final Map<String, List<String>> SENTENCES = Map.of(
            "en", List.of(
                    "Our office published its national intellectual property strategy this year after two rounds of consultation.",
                    "The training programme for examiners combined online modules with a week of supervised practice.",
                    "We reduced the backlog of pending patent applications by a third with a fast track for small firms.",
                    "Could other offices share how they measure the quality of examination decisions?",
                    "The copyright office now accepts digital filing and answers most requests within ten days."),
            "fr", List.of(
                    "Notre office a publié cette année sa stratégie nationale de propriété intellectuelle après deux consultations.",
                    "Les indicateurs de suivi portent sur les délais d'examen, la qualité des décisions et l'accès des PME.",
                    "La formation des examinateurs associe des modules en ligne à une semaine de pratique encadrée.",
                    "Nous avons réduit d'un tiers le retard des demandes de brevet en instance grâce à une procédure accélérée.",
                    "Le dépôt électronique est désormais ouvert aux déposants de toutes les régions du pays."),
            "es", List.of(
                    "Nuestra oficina publicó este año su estrategia nacional de propiedad intelectual tras dos consultas públicas.",
                    "¿Qué medidas han tomado para reducir el retraso en el examen de solicitudes de patente?",
                    "El programa de formación de examinadores combina módulos en línea con una semana de práctica supervisada.",
                    "Las pequeñas empresas reciben asesoramiento gratuito antes de presentar su primera solicitud.",
                    "La oficina de derecho de autor registra ahora las obras por vía electrónica en pocos días."),
            "ar", List.of(
                    "نشر مكتبنا هذا العام استراتيجيته الوطنية للملكية الفكرية بعد جولتين من المشاورات مع أصحاب المصلحة.",
                    "يجمع برنامج تدريب الفاحصين بين وحدات تعليمية على الإنترنت وأسبوع من الممارسة تحت الإشراف.",
                    "خفضنا عدد طلبات البراءات المعلقة بمقدار الثلث بفضل إجراء سريع للمؤسسات الصغيرة.",
                    "هل يمكن للمكاتب الأخرى أن تشرح كيف تقيس جودة قرارات الفحص؟",
                    "أصبح الإيداع الإلكتروني متاحا لجميع المودعين في المناطق كافة."),
            "zh", List.of(
                    "我们的知识产权局今年在两轮公众咨询之后发布了国家知识产权战略，并设立了评估指标。",
                    "审查员培训计划将在线课程与一周的指导实践结合起来。",
                    "通过为小企业设立快速通道，我们将积压的专利申请减少了三分之一。",
                    "其他局能否介绍一下如何衡量审查决定的质量？",
                    "版权局现在接受电子申请，大多数请求在十天内得到答复。"),
            "ru", List.of(
                    "В этом году наше ведомство опубликовало национальную стратегию в области интеллектуальной собственности.",
                    "Программа подготовки экспертов сочетает онлайн-модули с неделей практики под руководством наставника.",
                    "Мы сократили отставание в рассмотрении патентных заявок на треть благодаря ускоренной процедуре.",
                    "Не могли бы другие ведомства рассказать, как они оценивают качество решений экспертизы?",
                    "Электронная подача заявок теперь доступна заявителям во всех регионах страны."));

    private Texts() {
    }

    /** A body in any of the languages, sentence by sentence, as the mail bench's one list gets. */
    static String body(Random random, int minBytes, int maxBytes) {
        return body(random, null, minBytes, maxBytes);
    }

    /**
     * A body in one language, with now and then a sentence in English, as delegates quote the
     * common language; {@code null} mixes all six.
     */
    static String body(Random random, String language, int minBytes, int maxBytes) {
        int target = minBytes + random.nextInt(Math.max(1, maxBytes - minBytes));
        StringBuilder out = new StringBuilder();
        while (out.toString().getBytes(StandardCharsets.UTF_8).length < target) {
            for (int i = 0; i < 3; i++) {
                String from = language == null ? LANGUAGES.get(random.nextInt(LANGUAGES.size()))
                        : random.nextInt(10) == 0 ? "en" : language;
                List<String> pool = SENTENCES.get(from);
                out.append(pool.get(random.nextInt(pool.size()))).append(' ');
            }
            out.append("\r\n\r\n");
        }
        return out.toString();
    }

    static String subject(Random random, int n) {
        String[] topics = {"National IP strategy", "Examiner training", "Backlog reduction", "SME access to patents",
            "Digital filing", "Copyright offices", "Stratégie nationale", "Formación de examinadores", "الاستراتيجية الوطنية",
            "知识产权战略", "Национальная стратегия"};
        return topics[random.nextInt(topics.length)] + " #" + n;
    }
}
