package org.parley.demo;

import java.util.List;
import java.util.Map;

/** The sample forum the demo starts with: three rooms in six languages, a moderator, delegates. */
final class DemoForum {
    static final String PASSWORD = "demo";
    static final List<String> LANGUAGES = List.of("en", "fr", "es", "ar", "zh", "ru");
    static final String MODERATOR = "moderator@secretariat.example.org";

    record Room(String id, Map<String, String> titles) {
        String title() {
            return titles.get("en");
        }
    }

    record Person(String email, String name, String delegation, String language, boolean moderator) {
    }

    static final List<Room> ROOMS = List.of(
            new Room("strategies", Map.of(
                    "en", "National IP strategies",
                    "fr", "Stratégies nationales de PI",
                    "es", "Estrategias nacionales de PI",
                    "ar", "الاستراتيجيات الوطنية للملكية الفكرية",
                    "zh", "国家知识产权战略",
                    "ru", "Национальные стратегии в области ИС")),
            new Room("training", Map.of(
                    "en", "Training and capacity building",
                    "fr", "Formation et renforcement des capacités",
                    "es", "Formación y fortalecimiento de capacidades",
                    "ar", "التدريب وبناء القدرات",
                    "zh", "培训与能力建设",
                    "ru", "Обучение и наращивание потенциала")),
            new Room("offices", Map.of(
                    "en", "Modernising IP offices",
                    "fr", "Modernisation des offices de PI",
                    "es", "Modernización de las oficinas de PI",
                    "ar", "تحديث مكاتب الملكية الفكرية",
                    "zh", "知识产权局现代化",
                    "ru", "Модернизация ведомств ИС")));

    static final List<Person> PEOPLE = List.of(
            new Person(MODERATOR, "Ana Moderator", "WIPO", "en", true),
            new Person("amelie.martin@delegation-fr.example", "Amélie Martin", "FR", "fr", false),
            new Person("luc.peeters@delegation-be.example", "Luc Peeters", "BE", "fr", false),
            new Person("fatou.diop@delegation-sn.example", "Fatou Diop", "SN", "fr", false),
            new Person("carlos.garcia@delegation-es.example", "Carlos García", "ES", "es", false),
            new Person("lucia.fernandez@delegation-ar.example", "Lucía Fernández", "AR", "es", false),
            new Person("diego.ramirez@delegation-mx.example", "Diego Ramírez", "MX", "es", false),
            new Person("john.smith@delegation-gb.example", "John Smith", "GB", "en", false),
            new Person("aisha.bello@delegation-ng.example", "Aisha Bello", "NG", "en", false),
            new Person("priya.sharma@delegation-in.example", "Priya Sharma", "IN", "en", false),
            new Person("omar.haddad@delegation-eg.example", "عمر حداد", "EG", "ar", false),
            new Person("layla.mansour@delegation-jo.example", "ليلى منصور", "JO", "ar", false),
            new Person("li.wei@delegation-cn.example", "李伟", "CN", "zh", false),
            new Person("wang.fang@delegation-cn.example", "王芳", "CN", "zh", false),
            new Person("ivan.petrov@delegation-ru.example", "Иван Петров", "RU", "ru", false),
            new Person("aigerim.nurlanova@delegation-kz.example", "Айгерим Нурланова", "KZ", "ru", false));

    static Person person(String email) {
        return PEOPLE.stream().filter(p -> p.email().equals(email)).findFirst().orElseThrow();
    }

    private DemoForum() {
    }
}
