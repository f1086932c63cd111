package org.mosaiccrm.platform.testing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The benchmark workload of {@code docs/bench/WORKLOAD.md}: organizations and people in several
 * languages and scripts, generated from a seed. Every record is a pure function of the seed
 * and its index, so the same seed gives the same data, any record can be made on its own, and
 * a set of any size streams without being held in memory.
 *
 * <p>People are skewed across organizations and names; {@value #DUPLICATE_PERCENT}% of them
 * are near-duplicates of an earlier person: the same email address (sometimes in other case)
 * with a typo'd or re-cased name or another phone, as a second import of a contact list has
 * them. Ownership is skewed across {@value #USERS} users in {@value #TEAMS} teams.
 */
public final class Workload {

    public static final long DEFAULT_SEED = 20_261_129L;
    public static final int USERS = 50;
    public static final int TEAMS = 8;
    public static final int DUPLICATE_PERCENT = 2;
    /** The columns of the people CSV, as {@code POST /api/v1/contacts/import?type=people} takes them. */
    public static final String PEOPLE_HEADER = "firstName,lastName,email,phone,organization,tags";

    /** Users per team, largest first: 50 users in 8 teams. */
    private static final int[] TEAM_SIZES = {12, 9, 8, 7, 5, 4, 3, 2};

    private static final long ORG = 0x6f72_6700L;
    private static final long PERSON = 0x7065_7273L;
    private static final long DUPLICATE = 0x6475_7000L;
    private static final long OWNER = 0x6f77_6e00L;

    private final long seed;
    private final int organizations;
    private final int people;

    private Workload(long seed, int organizations, int people) {
        if (organizations < 1 || people < 0) {
            throw new IllegalArgumentException("needs at least one organization and no negative count of people");
        }
        this.seed = seed;
        this.organizations = organizations;
        this.people = people;
    }

    /** Any size: {@code people} people across {@code organizations} organizations. */
    public static Workload of(long seed, int organizations, int people) {
        return new Workload(seed, organizations, people);
    }

    /** The CI smoke size: 1,000 organizations, 10,000 people. */
    public static Workload small(long seed) {
        return of(seed, 1_000, 10_000);
    }

    /** The full size: 100,000 organizations, 1,000,000 people. */
    public static Workload full(long seed) {
        return of(seed, 100_000, 1_000_000);
    }

    /** A set of {@code people} people with one organization per ten of them, as in both sizes of the workload. */
    public static Workload ofPeople(long seed, int people) {
        return of(seed, Math.max(1, people / 10), people);
    }

    public long seed() {
        return seed;
    }

    public int organizations() {
        return organizations;
    }

    public int people() {
        return people;
    }

    /** An organization of the workload. */
    public record Organization(int index, Language language, String name, String domain) {
    }

    /**
     * A person of the workload. {@code duplicateOf} is the index of the earlier person this one
     * is a near-duplicate of (same email, ignoring case), or -1. Several emails or phones share
     * a cell separated by "; ", as the CSV import reads them.
     */
    public record Person(int index, Language language, String firstName, String lastName, List<String> emails, List<String> phones,
            int organization, List<String> tags, int duplicateOf) {

        public String primaryEmail() {
            return emails.isEmpty() ? null : emails.get(0);
        }
    }

    public Organization organization(int index) {
        check(index, organizations);
        Language lang = Language.values()[index % Language.values().length];
        String[] surnames = lang.surnames;
        // Scrambled within each block of names, so that a small set spreads over names, trades and cities too.
        int block = surnames.length * lang.industries.length * lang.cities.length;
        int plain = index / Language.values().length;
        int rest = (int) ((plain % block) * 104_729L % block) + plain / block * block;
        int s = rest % surnames.length;
        rest /= surnames.length;
        int industry = rest % lang.industries.length;
        rest /= lang.industries.length;
        int city = rest % lang.cities.length;
        int round = rest / lang.cities.length;
        String family = surnames[s];
        String domainFamily = ascii(family);
        if (round > 0) {
            String partner = surnames[(s + round) % surnames.length];
            family = family + lang.and + partner + (round >= surnames.length ? " " + (round / surnames.length + 1) : "");
            domainFamily = domainFamily + "-" + ascii(partner) + (round >= surnames.length ? "-" + (round / surnames.length + 1) : "");
        }
        String name = lang.orgPattern.replace("{s}", family).replace("{i}", lang.industries[industry]).replace("{c}", lang.cities[city]);
        String domain = domainFamily + "-" + ascii(lang.industries[industry]) + "." + lang.tld;
        return new Organization(index, lang, name, domain);
    }

    public Person person(int index) {
        check(index, people);
        Rng dup = new Rng(seed, DUPLICATE, index);
        if (index > 0 && dup.nextInt(100) < DUPLICATE_PERCENT) {
            // A variation of the original person, never of another variation (which a second typo could undo).
            Person base = person(dup.nextInt(index));
            return nearDuplicate(base.duplicateOf() >= 0 ? original(base.duplicateOf()) : base, index, dup);
        }
        return original(index);
    }

    private Person original(int index) {
        Rng r = new Rng(seed, PERSON, index);
        Language lang = Language.pick(r);
        boolean female = r.nextInt(2) == 0;
        String first = lang.firstName(r, female);
        String last = lang.lastName(r, female);
        int org = skewed(r, organizations, 1.5);
        List<String> emails = new ArrayList<>(2);
        String local = localPart(r, first, last, index);
        emails.add(r.nextInt(100) < 60 ? local + "@" + organization(org).domain() : local + "@" + lang.freeMail[r.nextInt(lang.freeMail.length)]);
        if (r.nextInt(100) < 4) {
            emails.add(ascii(first) + "." + ascii(last) + "." + index + "@" + lang.freeMail[r.nextInt(lang.freeMail.length)]);
        }
        List<String> phones = new ArrayList<>(2);
        int phoneCount = r.nextInt(100) < 20 ? 0 : r.nextInt(100) < 6 ? 2 : 1;
        for (int i = 0; i < phoneCount; i++) {
            phones.add(lang.phone(r));
        }
        List<String> tags = new ArrayList<>(3);
        int tagCount = skewed(r, 4, 2.0);
        for (int i = 0; i < tagCount; i++) {
            String tag = TAGS[skewed(r, TAGS.length, 1.6)];
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        return new Person(index, lang, first, last, List.copyOf(emails), List.copyOf(phones), org, List.copyOf(tags), -1);
    }

    private static Person nearDuplicate(Person base, int index, Rng r) {
        String first = base.firstName();
        String last = base.lastName();
        List<String> emails = base.emails();
        List<String> phones = base.phones();
        switch (r.nextInt(4)) {
            case 0 -> emails = replaceFirst(emails, mixedCase(emails.get(0)));
            case 1 -> last = typo(last, r);
            case 2 -> {
                first = first.toUpperCase(Locale.ROOT);
                emails = replaceFirst(emails, emails.get(0).toUpperCase(Locale.ROOT));
            }
            default -> {
                first = typo(first, r);
                phones = List.of(base.language().phone(r));
            }
        }
        return new Person(index, base.language(), first, last, emails, phones, base.organization(), base.tags(), base.index());
    }

    /** The user (0 to {@value #USERS} - 1) who owns row {@code row}: a few users own most records. */
    public int owner(int row) {
        return skewed(new Rng(seed, OWNER, row), USERS, 2.0);
    }

    /** The team (0 to {@value #TEAMS} - 1) of a user: teams of 12, 9, 8, 7, 5, 4, 3 and 2 users. */
    public static int team(int user) {
        int end = 0;
        for (int t = 0; t < TEAM_SIZES.length; t++) {
            end += TEAM_SIZES[t];
            if (user < end) {
                return t;
            }
        }
        throw new IllegalArgumentException("no user " + user + "; there are " + USERS);
    }

    /** The people, in order, made one at a time as the stream is read. */
    public Stream<Person> peopleStream() {
        return IntStream.range(0, people).mapToObj(this::person);
    }

    /** One CSV record of a person (without line end), in the columns of {@link #PEOPLE_HEADER}. */
    public static String csvRow(Person p, Organization organization) {
        return String.join(",", csv(p.firstName()), csv(p.lastName()), csv(String.join("; ", p.emails())),
                csv(String.join("; ", p.phones())), csv(organization.name()), csv(String.join("; ", p.tags())));
    }

    /**
     * The people as a UTF-8 CSV file ({@link #PEOPLE_HEADER}, CRLF line ends), generated as it
     * is read: a million rows take no more memory than one.
     */
    public InputStream peopleCsv() {
        return peopleCsv(i -> true);
    }

    /**
     * The people whose index passes {@code include}, in order, as {@link #peopleCsv()} makes
     * them: a share of the set, such as the rows one team owns, imported by a member of it.
     */
    public InputStream peopleCsv(java.util.function.IntPredicate include) {
        return new GeneratedStream(PEOPLE_HEADER, people, i -> {
            if (!include.test(i)) {
                return null;
            }
            Person p = person(i);
            return csvRow(p, organization(p.organization()));
        });
    }

    private static List<String> replaceFirst(List<String> list, String first) {
        List<String> copy = new ArrayList<>(list);
        copy.set(0, first);
        return List.copyOf(copy);
    }

    private static String mixedCase(String email) {
        int at = email.indexOf('@');
        StringBuilder sb = new StringBuilder(email.length());
        boolean upper = true;
        for (int i = 0; i < email.length(); i++) {
            char c = email.charAt(i);
            sb.append(upper ? Character.toUpperCase(c) : c);
            upper = c == '.' || i == at;
        }
        return sb.toString();
    }

    /** Two neighbouring letters swapped, or one doubled: the typos of hand-kept lists. */
    private static String typo(String name, Rng r) {
        if (name.length() < 3) {
            return name + name.charAt(name.length() - 1);
        }
        int i = 1 + r.nextInt(name.length() - 2);
        char[] c = name.toCharArray();
        if (r.nextInt(2) == 0 && c[i] != c[i + 1]) {
            char t = c[i];
            c[i] = c[i + 1];
            c[i + 1] = t;
            return new String(c);
        }
        return name.substring(0, i + 1) + name.charAt(i) + name.substring(i + 1);
    }

    private static String localPart(Rng r, String first, String last, int index) {
        String f = ascii(first);
        String l = ascii(last);
        return switch (r.nextInt(4)) {
            case 0 -> f + "." + l + index;
            case 1 -> f.charAt(0) + l + index;
            case 2 -> l + "." + f + index;
            default -> f + index;
        };
    }

    /** A skewed pick in [0, n): small indexes are the common ones, more so for larger powers. */
    static int skewed(Rng r, int n, double power) {
        return Math.min(n - 1, (int) (n * Math.pow(r.nextDouble(), power)));
    }

    /** Lower-case ASCII for emails and domains: diacritics dropped, Cyrillic transliterated. */
    static String ascii(String text) {
        return ASCII.computeIfAbsent(text, Workload::transliterate);
    }

    /** Transliterations of the names in the pools: few, and each asked for again and again. */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> ASCII = new java.util.concurrent.ConcurrentHashMap<>();

    private static String transliterate(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace("ß", "ss");
        StringBuilder sb = new StringBuilder(lower.length() + 4);
        for (char c : Normalizer.normalize(lower, Normalizer.Form.NFD).toCharArray()) {
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                sb.append(c);
            } else if (c >= 'а' && c <= 'я' || c == 'ё') {
                sb.append(c == 'ё' ? "e" : CYRILLIC[c - 'а'].replace("-", ""));
            }
        }
        return sb.length() == 0 ? "x" : sb.toString();
    }

    private static final String[] CYRILLIC = ("a b v g d e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya").split(" ");

    private static String csv(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static void check(int index, int size) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
    }

    private static final String[] TAGS = ("customer newsletter vip lead partner kupec Kunde cliente клиент partenaire "
            + "trade-show-2026 webinar supplier dobavitelj Lieferant proveedor поставщик fournisseur").split(" ");

    /** The languages of the workload, with their names, places and phone formats. */
    public enum Language {
        ENGLISH(30, "James John Robert Michael William David Richard Joseph Thomas Charles Daniel Matthew Anthony Mark Paul Steven Andrew Kevin Brian George Edward Ronald Timothy Jason Ryan Jacob Gary Eric Jonathan Stephen",
                "Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Sandra Margaret Ashley Kimberly Emily Donna Michelle Carol Amanda Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia Amy",
                "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin Jackson Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Hill Green Adams Baker Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker Evans Edwards Collins Stewart Morris Murphy Cook Rogers O'Brien Morgan Cooper Peterson Reed Bailey Bell Kelly Howard Ward Cox Richardson Wood Watson Brooks",
                "{s} {i} {c} Ltd", " & ", "Logistics Software Consulting Foods Builders Analytics Media Healthcare", "London Boston Leeds Denver Chicago Bristol Austin Seattle",
                "com", "gmail.com outlook.com yahoo.com icloud.com", "+1 (!##) 555-####"),
        GERMAN(15, "Lukas Jonas Leon Finn Elias Paul Felix Maximilian Jürgen Günter Jörg Matthias Stefan Andreas Michael Thomas Klaus Wolfgang Uwe Dieter Björn Sören Tobias Florian Sebastian",
                "Anna Lena Lea Hannah Sophie Marie Laura Julia Katrin Sabine Ursula Petra Monika Brigitte Jutta Bärbel Käthe Gudrun Ilse Helga Gisela Renate Susanne Franziska Charlotte",
                "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Schmitz Krause Meier Lehmann Schmid Schulze Maier Köhler Herrmann König Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Vogel Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann",
                "{s} {i} {c} GmbH", " & ", "Maschinenbau Logistik Handel Bäckerei Elektrotechnik Software Gebäudetechnik Immobilien", "Berlin Hamburg München Köln Stuttgart Düsseldorf Leipzig Dresden",
                "de", "gmx.de web.de t-online.de gmail.com", "+49 !# ########"),
        SLOVENIAN(15, "Franc Janez Marko Andrej Ivan Anton Jožef Luka Matej Peter Milan Tomaž Aleš Boštjan Žiga Rok Jure Gregor Primož Matjaž Nejc Blaž Uroš Črt Gašper",
                "Marija Ana Maja Irena Mojca Mateja Nina Barbara Nataša Andreja Petra Jožica Katja Eva Tanja Špela Urška Tjaša Nuša Živa Neža Ajda Zala Brigita Teja",
                "Novak Horvat Kovačič Krajnc Zupančič Potočnik Kovač Mlakar Kos Vidmar Golob Turk Božič Kralj Korošec Zupan Bizjak Hribar Kotnik Kavčič Rozman Kastelic Oblak Petek Žagar Hočevar Kolar Košir Koren Klemenčič Zajc Knez Medved Zorko Ropret Pirc Sever Hrovat Kranjc Lesjak Jerman Pavlič Jereb Dolenc Logar Vidic Tomažič Rupnik Breznik Čeh Šuštar Žnidaršič Gorenc Bezjak Petrič Ramšak Jelen Erjavec Kokalj Šinkovec",
                "{s} {i} d.o.o., {c}", " in ", "gradbeništvo trgovina storitve elektronika logistika svetovanje mizarstvo računalništvo", "Ljubljana Maribor Celje Kranj Koper Novo_mesto Ptuj Velenje",
                "si", "gmail.com siol.net t-2.net amis.net", "+386 ! ### ## ##"),
        SPANISH(15, "Antonio José Manuel Francisco David Juan Javier Daniel Carlos Jesús Alejandro Miguel Rafael Pablo Sergio Fernando Jorge Luis Álvaro Adrián Iñaki Ángel Rubén Óscar Raúl",
                "María Carmen Ana Isabel Laura Cristina Marta Lucía Elena Pilar Sara Paula Raquel Rocío Mónica Sofía Nuria Beatriz Inés Begoña Ainhoa Núria Montserrat Amparo Concepción",
                "García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez Ramos Gil Ramírez Serrano Blanco Molina Morales Suárez Ortega Delgado Castro Ortiz Rubio Marín Sanz Núñez Iglesias Medina Garrido Cortés Castillo Santos Lozano Guerrero Cano Prieto Méndez Cruz Calvo Gallego Vidal León Márquez Herrera Peña Flores",
                "{i} {s} {c} S.L.", " y ", "Distribuciones Construcciones Transportes Asesoría Informática Alimentación Reformas Fontanería", "Madrid Barcelona Sevilla Málaga Valencia Bilbao Zaragoza A_Coruña",
                "es", "gmail.com hotmail.es telefonica.net yahoo.es", "+34 6## ### ###"),
        FRENCH(12, "Jean Pierre Michel André Philippe René Louis Alain Jacques Bernard Marcel Daniel Roger Robert Paul Christophe François Stéphane Sébastien Jérôme Frédéric Gaël Loïc Benoît Hervé",
                "Marie Jeanne Françoise Monique Catherine Nathalie Isabelle Jacqueline Anne Sylvie Hélène Céline Élodie Chloé Léa Camille Zoé Maëlle Mégane Noémie Anaïs Clémence Gaëlle Agnès Béatrice",
                "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefèbvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre Mercier Dupont Lambert Bonnet François Martinez Legrand Garnier Faure Rousseau Blanc Guérin Muller Henry Roussel Nicolas Perrin Morin Mathieu Clément Gauthier Dumont Lopez Fontaine Chevalier Robin Masson Sanchez Gérard Nguyen Boyer Denis Lemaire Duval Joly Gautier Roger",
                "{i} {s} {c} SARL", " et ", "Boulangerie Transports Électricité Conseil Menuiserie Informatique Plomberie Pâtisserie", "Lyon Marseille Nantes Besançon Orléans Nîmes Saint-Étienne Grenoble",
                "fr", "orange.fr free.fr laposte.net gmail.com", "+33 ! ## ## ## ##"),
        RUSSIAN(13, "Александр Сергей Дмитрий Андрей Алексей Максим Евгений Иван Михаил Артём Николай Владимир Павел Роман Олег Юрий Виктор Игорь Константин Фёдор Григорий Степан Тимур Кирилл Илья",
                "Анна Мария Елена Ольга Наталья Татьяна Ирина Екатерина Светлана Юлия Анастасия Дарья Марина Людмила Галина Ксения Алёна Вера Надежда Любовь Полина Софья Евгения Валентина Зоя",
                "Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров Давыдов Беляев Герасимов Богданов Осипов Сидоров",
                "ООО «{s} {i}», {c}", " и ", "Стройсервис Техноторг Логистик Агропром Энергосбыт Медтехника Инвест Консалтинг", "Москва Казань Новосибирск Екатеринбург Самара Пермь Тверь Омск",
                "ru", "yandex.ru mail.ru rambler.ru gmail.com", "+7 !## ###-##-##");

        private final int weight;
        private final String[] male;
        private final String[] female;
        private final String[] surnames;
        private final String orgPattern;
        private final String and;
        private final String[] industries;
        private final String[] cities;
        private final String tld;
        private final String[] freeMail;
        /** # a digit, ! a digit other than 0. */
        private final String phoneFormat;

        Language(int weight, String male, String female, String surnames, String orgPattern, String and, String industries, String cities,
                String tld, String freeMail, String phoneFormat) {
            this.weight = weight;
            this.male = male.split(" ");
            this.female = female.split(" ");
            this.surnames = surnames.split(" ");
            this.orgPattern = orgPattern;
            this.and = and;
            this.industries = industries.split(" ");
            this.cities = cities.replace('_', ' ').split(" ");
            this.tld = tld;
            this.freeMail = freeMail.split(" ");
            this.phoneFormat = phoneFormat;
        }

        static Language pick(Rng r) {
            int n = r.nextInt(100);
            for (Language l : values()) {
                n -= l.weight;
                if (n < 0) {
                    return l;
                }
            }
            return ENGLISH;
        }

        String firstName(Rng r, boolean isFemale) {
            String[] pool = isFemale ? female : male;
            return pool[skewed(r, pool.length, 1.3)];
        }

        /** A surname; Russian ones take the feminine form, Spanish people carry two. */
        String lastName(Rng r, boolean isFemale) {
            String s = surnames[skewed(r, surnames.length, 1.3)];
            if (this == RUSSIAN && isFemale) {
                return s + "а";
            }
            if (this == SPANISH) {
                return s + " " + surnames[skewed(r, surnames.length, 1.3)];
            }
            return s;
        }

        String phone(Rng r) {
            StringBuilder sb = new StringBuilder(24);
            for (int i = 0; i < phoneFormat.length(); i++) {
                char c = phoneFormat.charAt(i);
                if (c == '#') {
                    sb.append((char) ('0' + r.nextInt(10)));
                } else if (c == '!') {
                    sb.append((char) ('1' + r.nextInt(9)));
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }
    }

    /** SplitMix64 over (seed, stream, index): fixed here, so the data never changes with the JDK. */
    static final class Rng {
        private long state;

        Rng(long seed, long stream, long index) {
            state = mix(mix(seed ^ stream) + index * 0x9E37_79B9_7F4A_7C15L);
        }

        long nextLong() {
            state += 0x9E37_79B9_7F4A_7C15L;
            return mix(state);
        }

        int nextInt(int bound) {
            return (int) Math.floorMod(nextLong(), (long) bound);
        }

        double nextDouble() {
            return (nextLong() >>> 11) * 0x1.0p-53;
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
            return z ^ (z >>> 31);
        }
    }

    /** A CSV file made line by line as it is read. */
    private static final class GeneratedStream extends InputStream {
        private final int rows;
        private final java.util.function.IntFunction<String> row;
        private byte[] buffer;
        private int position;
        private int next;

        GeneratedStream(String header, int rows, java.util.function.IntFunction<String> row) {
            this.rows = rows;
            this.row = row;
            this.buffer = (header + "\r\n").getBytes(StandardCharsets.UTF_8);
        }

        /** Rows for which {@code row} answers null are left out; a read after the last included row must see the end, not an empty block. */
        private boolean fill() {
            while (position >= buffer.length) {
                if (next >= rows) {
                    return false;
                }
                StringBuilder sb = new StringBuilder(8 * 1024);
                while (next < rows && sb.length() < 8 * 1024) {
                    String line = row.apply(next++);
                    if (line != null) {
                        sb.append(line).append("\r\n");
                    }
                }
                buffer = sb.toString().getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
            return true;
        }

        @Override
        public int read() {
            return fill() ? buffer[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, buffer.length - position);
            System.arraycopy(buffer, position, b, off, n);
            position += n;
            return n;
        }
    }
}
