package org.parley.demo;

import java.util.List;

/** The sample forum the demo starts with: three rooms, a moderator, a dozen delegates. */
final class DemoForum {
    static final String PASSWORD = "demo";
    static final List<String> LANGUAGES = List.of("en", "fr", "es");

    record Room(String id, String title) {
    }

    record Person(String email, String name, String delegation, String language, boolean moderator) {
    }

    static final List<Room> ROOMS = List.of(
            new Room("strategies", "National IP strategies"),
            new Room("training", "Training and capacity building"),
            new Room("offices", "Modernising IP offices"));

    static final List<Person> PEOPLE = List.of(
            new Person("moderator@secretariat.example.org", "Ana Moderator", "", "en", true),
            new Person("amelie.martin@delegation-fr.example", "Amélie Martin", "FR", "fr", false),
            new Person("luc.peeters@delegation-be.example", "Luc Peeters", "BE", "fr", false),
            new Person("fatou.diop@delegation-sn.example", "Fatou Diop", "SN", "fr", false),
            new Person("carlos.garcia@delegation-es.example", "Carlos García", "ES", "es", false),
            new Person("lucia.fernandez@delegation-ar.example", "Lucía Fernández", "AR", "es", false),
            new Person("diego.ramirez@delegation-mx.example", "Diego Ramírez", "MX", "es", false),
            new Person("sofia.torres@delegation-co.example", "Sofía Torres", "CO", "es", false),
            new Person("john.smith@delegation-gb.example", "John Smith", "GB", "en", false),
            new Person("aisha.bello@delegation-ng.example", "Aisha Bello", "NG", "en", false),
            new Person("priya.sharma@delegation-in.example", "Priya Sharma", "IN", "en", false),
            new Person("kenji.tanaka@delegation-jp.example", "Kenji Tanaka", "JP", "en", false),
            new Person("emma.wilson@delegation-au.example", "Emma Wilson", "AU", "en", false));

    private DemoForum() {
    }
}
