package org.parley.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Realistic post bodies: paragraphs in the six UN languages, 2 to 8 KB of UTF-8. */
final class Texts {
    static final List<String> LANGUAGES = List.of("en", "fr", "es", "ar", "zh", "ru");
    private static final List<String> SENTENCES = List.of(
            "Our office published its national intellectual property strategy this year after two rounds of consultation.",
            "Notre office a publié cette année sa stratégie nationale de propriété intellectuelle après deux consultations.",
            "Nuestra oficina publicó este año su estrategia nacional de propiedad intelectual tras dos consultas públicas.",
            "نشر مكتبنا هذا العام استراتيجيته الوطنية للملكية الفكرية بعد جولتين من المشاورات مع أصحاب المصلحة.",
            "我们的知识产权局今年在两轮公众咨询之后发布了国家知识产权战略，并设立了评估指标。",
            "В этом году наше ведомство опубликовало национальную стратегию в области интеллектуальной собственности.",
            "The training programme for examiners combined online modules with a week of supervised practice.",
            "Les indicateurs de suivi portent sur les délais d'examen, la qualité des décisions et l'accès des PME.",
            "¿Qué medidas han tomado para reducir el retraso en el examen de solicitudes de patente?");

    private Texts() {
    }

    static String body(Random random, int minBytes, int maxBytes) {
        int target = minBytes + random.nextInt(Math.max(1, maxBytes - minBytes));
        StringBuilder out = new StringBuilder();
        while (out.toString().getBytes(StandardCharsets.UTF_8).length < target) {
            for (int i = 0; i < 3; i++) {
                out.append(SENTENCES.get(random.nextInt(SENTENCES.size()))).append(' ');
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
