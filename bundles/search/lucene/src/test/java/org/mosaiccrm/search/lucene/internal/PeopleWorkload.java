package org.mosaiccrm.search.lucene.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Random;

/**
 * The people set of the benchmark workload (shared/bench/WORKLOAD.md), seeded: the same seed and
 * index give the same person. Names in Slovenian, German, Spanish, Tagalog and Russian (Cyrillic),
 * skewed ownership across 50 users in 8 teams, and every 50th person a near-duplicate of the one before.
 */
final class PeopleWorkload {

    static final int USERS = 50;
    static final int TEAMS = 8;

    private static final String[] FIRST = {"Jože", "Špela", "Matej", "Nataša", "Hans", "Jürgen", "Bärbel", "Jörg", "José", "María",
        "Begoña", "Iñigo", "Maria", "Jose", "Ligaya", "Dalisay", "Иван", "Пётр", "Наталья", "Ольга", "Анна", "Lukas", "Sofía", "Marko"};
    private static final String[] LAST = {"Čebašek", "Novak", "Kovačič", "Zupančič", "Žužek", "Šuštar", "Müller", "Schäfer", "Groß",
        "Köhler", "Weiß", "García", "Núñez", "Martínez", "Peña", "Muñoz", "Dela Cruz", "Bautista", "Reyes", "Santos", "Mendoza",
        "Смирнов", "Кузнецов", "Попова", "Соколов", "Волкова"};
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ra", "ze", "no", "vi", "ta", "še", "ču", "ber", "gen", "dor", "pan",
        "ril", "mos", "lek", "tin"};
    private static final String[] TITLES = {"CEO", "Sales manager", "Buyer", "Engineer", "Accountant", "Gerente", "Inženir", "Менеджер"};

    record Person(int n, String first, String last, String email, String phone, String jobTitle, int owner) {

        int team() {
            return owner % TEAMS;
        }
    }

    private final long seed;

    PeopleWorkload(long seed) {
        this.seed = seed;
    }

    Person person(int n) {
        if (n % 50 == 49) {
            Person original = person(n - 1);
            return new Person(n, original.first(), original.last() + "s", original.email().toUpperCase(Locale.ROOT),
                    original.phone(), original.jobTitle(), original.owner());
        }
        Random r = new Random(seed * 1_000_003L + n);
        String first = FIRST[r.nextInt(FIRST.length)];
        String last = r.nextBoolean() ? LAST[r.nextInt(LAST.length)] : invented(r);
        String email = ascii(first) + "." + ascii(last).replace(" ", "") + n + "@" + invented(r).toLowerCase(Locale.ROOT) + ".example";
        String phone = String.format("+386 %d %03d %04d", 1 + r.nextInt(9), r.nextInt(1000), r.nextInt(10_000));
        int owner = (int) (USERS * Math.pow(r.nextDouble(), 2));
        return new Person(n, first, last, email, phone, TITLES[r.nextInt(TITLES.length)], owner);
    }

    private static String invented(Random r) {
        StringBuilder s = new StringBuilder();
        for (int i = 0, n = 2 + r.nextInt(2); i < n; i++) {
            s.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
        }
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String ascii(String s) {
        String folded = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        return folded.matches("[a-z ]+") ? folded : "user";
    }

    /** One CSV line in the columns of the people import. */
    static String csv(Person p) {
        return String.join(",", quote(p.first()), quote(p.last()), p.email(), quote(p.phone()), quote(p.jobTitle()));
    }

    static final String CSV_HEADER = "firstName,lastName,email,phone,jobTitle\n";

    private static String quote(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
