//! Customers: names, addresses, phone numbers, e-mail addresses and marketplace identities, per
//! country, and the look-alikes (a spouse at the same address, a namesake elsewhere) that an
//! identity linker must keep apart.

use crate::catalog::Mp;
use crate::rng::{Rng, Stream, mix, permute};
use crate::text::Lang;
use crate::time::Zone;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Country {
    De,
    Gb,
    Fr,
    It,
    Es,
    Us,
}

impl Country {
    pub(crate) fn iso(self) -> &'static str {
        match self {
            Country::De => "DE",
            Country::Gb => "GB",
            Country::Fr => "FR",
            Country::It => "IT",
            Country::Es => "ES",
            Country::Us => "US",
        }
    }

    pub(crate) fn lang(self) -> Lang {
        match self {
            Country::De => Lang::De,
            Country::Gb | Country::Us => Lang::En,
            Country::Fr => Lang::Fr,
            Country::It => Lang::It,
            Country::Es => Lang::Es,
        }
    }

    /// The Amazon storefront of the country.
    pub(crate) fn home_amazon(self) -> Mp {
        match self {
            Country::De => Mp::AmazonDe,
            Country::Gb => Mp::AmazonUk,
            Country::Fr => Mp::AmazonFr,
            Country::It => Mp::AmazonIt,
            Country::Es => Mp::AmazonEs,
            Country::Us => Mp::AmazonCom,
        }
    }

    /// The storefronts a customer from this country buys on, with weights.
    fn storefronts(self) -> &'static [(Mp, u32)] {
        match self {
            Country::De => &[(Mp::AmazonDe, 60), (Mp::EbayDe, 20), (Mp::Shopify, 20)],
            Country::Gb => &[(Mp::AmazonUk, 75), (Mp::Shopify, 25)],
            Country::Fr => &[(Mp::AmazonFr, 75), (Mp::Shopify, 20), (Mp::AmazonDe, 5)],
            Country::It => &[(Mp::AmazonIt, 78), (Mp::Shopify, 17), (Mp::AmazonDe, 5)],
            Country::Es => &[(Mp::AmazonEs, 80), (Mp::Shopify, 17), (Mp::AmazonFr, 3)],
            Country::Us => &[(Mp::AmazonCom, 60), (Mp::WalmartCom, 25), (Mp::Shopify, 15)],
        }
    }
}

const COUNTRIES: [Country; 6] = [
    Country::De,
    Country::Gb,
    Country::Fr,
    Country::It,
    Country::Es,
    Country::Us,
];
/// Share of customers per country: a German shop sells most at home, then the US and Europe.
const COUNTRY_WEIGHTS: [u32; 6] = [36, 14, 12, 10, 8, 20];

struct Names {
    female: &'static [&'static str],
    male: &'static [&'static str],
    last: &'static [&'static str],
}

const DE_NAMES: Names = Names {
    female: &[
        "Anna",
        "Jana",
        "Laura",
        "Julia",
        "Lena",
        "Sarah",
        "Katharina",
        "Lisa",
        "Sophie",
        "Marie",
        "Hannah",
        "Johanna",
        "Miriam",
        "Sabine",
        "Petra",
        "Claudia",
        "Andrea",
        "Stefanie",
        "Nicole",
        "Kerstin",
        "Ursula",
        "Monika",
        "Birgit",
        "Franziska",
        "Carina",
        "Melanie",
        "Tanja",
        "Lea",
        "Emma",
        "Charlotte",
    ],
    male: &[
        "Jonas",
        "Lukas",
        "Felix",
        "Maximilian",
        "Paul",
        "Leon",
        "Tobias",
        "Florian",
        "Stefan",
        "Michael",
        "Thomas",
        "Andreas",
        "Markus",
        "Christian",
        "Daniel",
        "Jan",
        "Sebastian",
        "Matthias",
        "Klaus",
        "Jürgen",
        "Uwe",
        "Frank",
        "Ralf",
        "Niklas",
        "Tim",
        "Moritz",
        "Philipp",
        "Benedikt",
        "Henrik",
        "Oliver",
    ],
    last: &[
        "Müller",
        "Schmidt",
        "Schneider",
        "Fischer",
        "Weber",
        "Meyer",
        "Wagner",
        "Becker",
        "Schulz",
        "Hoffmann",
        "Schäfer",
        "Koch",
        "Bauer",
        "Richter",
        "Klein",
        "Wolf",
        "Schröder",
        "Neumann",
        "Schwarz",
        "Zimmermann",
        "Braun",
        "Krüger",
        "Hofmann",
        "Hartmann",
        "Lange",
        "Schmitt",
        "Werner",
        "Krause",
        "Meier",
        "Lehmann",
        "Köhler",
        "Herrmann",
        "König",
        "Walter",
        "Mayer",
        "Huber",
        "Kaiser",
        "Fuchs",
        "Peters",
        "Lang",
        "Scholz",
        "Möller",
        "Weiß",
        "Jung",
        "Hahn",
        "Schubert",
        "Vogel",
        "Friedrich",
        "Keller",
        "Günther",
        "Berger",
        "Winkler",
        "Lorenz",
        "Baumann",
        "Franke",
        "Albrecht",
        "Schuster",
        "Simon",
        "Ludwig",
        "Böhm",
        "Winter",
        "Kraus",
        "Schumacher",
        "Krämer",
        "Vogt",
        "Stein",
        "Jäger",
        "Otto",
        "Sommer",
        "Groß",
        "Seidel",
        "Heinrich",
        "Brandt",
        "Haas",
        "Schreiber",
        "Graf",
        "Schulte",
        "Dietrich",
        "Ziegler",
        "Kuhn",
        "Pohl",
        "Engel",
        "Horn",
        "Busch",
        "Bergmann",
        "Voigt",
        "Sauer",
        "Arnold",
        "Wolff",
        "Pfeiffer",
        "Yılmaz",
        "Nowak",
        "Kowalski",
    ],
};

const GB_NAMES: Names = Names {
    female: &[
        "Emily",
        "Olivia",
        "Sophie",
        "Charlotte",
        "Jessica",
        "Hannah",
        "Lucy",
        "Amelia",
        "Grace",
        "Chloe",
        "Rebecca",
        "Sarah",
        "Emma",
        "Katie",
        "Laura",
        "Rachel",
        "Helen",
        "Claire",
        "Joanne",
        "Alice",
        "Poppy",
        "Isla",
        "Freya",
        "Harriet",
        "Imogen",
        "Priya",
        "Aisha",
    ],
    male: &[
        "Oliver",
        "Harry",
        "George",
        "Jack",
        "James",
        "William",
        "Thomas",
        "Daniel",
        "Matthew",
        "Samuel",
        "Joshua",
        "Benjamin",
        "Alexander",
        "Charlie",
        "Callum",
        "Liam",
        "Owen",
        "Rhys",
        "Ewan",
        "Gareth",
        "Stuart",
        "Craig",
        "Mark",
        "Paul",
        "David",
        "Arjun",
        "Mohammed",
    ],
    last: &[
        "Smith",
        "Jones",
        "Taylor",
        "Brown",
        "Williams",
        "Wilson",
        "Johnson",
        "Davies",
        "Robinson",
        "Wright",
        "Thompson",
        "Evans",
        "Walker",
        "White",
        "Roberts",
        "Green",
        "Hall",
        "Wood",
        "Jackson",
        "Clarke",
        "Patel",
        "Khan",
        "Hughes",
        "Edwards",
        "Turner",
        "Lewis",
        "Harris",
        "Martin",
        "Cooper",
        "Hill",
        "Ward",
        "Morris",
        "Moore",
        "Clark",
        "Lee",
        "King",
        "Baker",
        "Harrison",
        "Morgan",
        "Allen",
        "Scott",
        "Phillips",
        "Watson",
        "Parker",
        "Price",
        "Bennett",
        "Young",
        "Griffiths",
        "Mitchell",
        "Kelly",
        "Cook",
        "Carter",
        "Richardson",
        "Bailey",
        "Collins",
        "Bell",
        "Shaw",
        "Murphy",
        "Cox",
        "Marshall",
        "Simpson",
        "Ellis",
        "Singh",
        "Wilkinson",
        "Foster",
        "Chapman",
        "Powell",
        "Webb",
        "Gray",
        "Mason",
        "Hussain",
        "Campbell",
        "Owen",
        "Palmer",
        "Holmes",
        "Barnes",
        "Knight",
        "Lloyd",
        "Fisher",
        "Murray",
        "O'Connor",
        "MacDonald",
    ],
};

const FR_NAMES: Names = Names {
    female: &[
        "Camille", "Léa", "Manon", "Chloé", "Emma", "Inès", "Sarah", "Julie", "Marie", "Pauline",
        "Claire", "Élodie", "Céline", "Sophie", "Nathalie", "Isabelle", "Amandine", "Margaux",
        "Lucie", "Juliette", "Anaïs", "Océane", "Mathilde", "Agathe", "Hélène",
    ],
    male: &[
        "Lucas",
        "Hugo",
        "Louis",
        "Nathan",
        "Gabriel",
        "Thomas",
        "Antoine",
        "Julien",
        "Nicolas",
        "Maxime",
        "Alexandre",
        "Pierre",
        "Mathieu",
        "Romain",
        "Guillaume",
        "François",
        "Olivier",
        "Sébastien",
        "Vincent",
        "Théo",
        "Baptiste",
        "Clément",
        "Quentin",
        "Benoît",
        "Jérôme",
    ],
    last: &[
        "Martin",
        "Bernard",
        "Dubois",
        "Thomas",
        "Robert",
        "Richard",
        "Petit",
        "Durand",
        "Leroy",
        "Moreau",
        "Simon",
        "Laurent",
        "Lefebvre",
        "Michel",
        "Garcia",
        "David",
        "Bertrand",
        "Roux",
        "Vincent",
        "Fournier",
        "Morel",
        "Girard",
        "André",
        "Lefèvre",
        "Mercier",
        "Dupont",
        "Lambert",
        "Bonnet",
        "François",
        "Martinez",
        "Legrand",
        "Garnier",
        "Faure",
        "Rousseau",
        "Blanc",
        "Guérin",
        "Muller",
        "Henry",
        "Roussel",
        "Nicolas",
        "Perrin",
        "Morin",
        "Mathieu",
        "Clément",
        "Gauthier",
        "Dumont",
        "Lopez",
        "Fontaine",
        "Chevalier",
        "Robin",
        "Le Gall",
        "Benali",
    ],
};

const IT_NAMES: Names = Names {
    female: &[
        "Giulia",
        "Francesca",
        "Chiara",
        "Sara",
        "Martina",
        "Valentina",
        "Alessia",
        "Elisa",
        "Federica",
        "Silvia",
        "Laura",
        "Elena",
        "Anna",
        "Giorgia",
        "Beatrice",
        "Alice",
        "Sofia",
        "Aurora",
        "Paola",
        "Roberta",
        "Simona",
        "Monica",
        "Ilaria",
        "Serena",
    ],
    male: &[
        "Marco",
        "Alessandro",
        "Luca",
        "Andrea",
        "Matteo",
        "Francesco",
        "Lorenzo",
        "Davide",
        "Simone",
        "Federico",
        "Giuseppe",
        "Giovanni",
        "Antonio",
        "Stefano",
        "Paolo",
        "Riccardo",
        "Gabriele",
        "Fabio",
        "Roberto",
        "Massimo",
        "Emanuele",
        "Daniele",
        "Tommaso",
        "Nicola",
    ],
    last: &[
        "Rossi",
        "Russo",
        "Ferrari",
        "Esposito",
        "Bianchi",
        "Romano",
        "Colombo",
        "Ricci",
        "Marino",
        "Greco",
        "Bruno",
        "Gallo",
        "Conti",
        "De Luca",
        "Mancini",
        "Costa",
        "Giordano",
        "Rizzo",
        "Lombardi",
        "Moretti",
        "Barbieri",
        "Fontana",
        "Santoro",
        "Mariani",
        "Rinaldi",
        "Caruso",
        "Ferrara",
        "Galli",
        "Martini",
        "Leone",
        "Longo",
        "Gentile",
        "Martinelli",
        "Vitale",
        "Lombardo",
        "Serra",
        "Coppola",
        "De Santis",
        "D'Angelo",
        "Marchetti",
        "Parisi",
        "Villa",
        "Conte",
        "Ferraro",
        "Ferri",
        "Fabbri",
        "Bianco",
        "Marini",
        "Grasso",
        "Valentini",
    ],
};

const ES_NAMES: Names = Names {
    female: &[
        "María", "Lucía", "Carmen", "Laura", "Marta", "Paula", "Ana", "Sara", "Elena", "Cristina",
        "Isabel", "Raquel", "Alba", "Claudia", "Andrea", "Irene", "Nuria", "Silvia", "Beatriz",
        "Patricia", "Rocío", "Inés", "Julia", "Sofía",
    ],
    male: &[
        "Alejandro",
        "Pablo",
        "Daniel",
        "David",
        "Javier",
        "Carlos",
        "Sergio",
        "Adrián",
        "Álvaro",
        "Diego",
        "Jorge",
        "Manuel",
        "Antonio",
        "José",
        "Miguel",
        "Francisco",
        "Juan",
        "Luis",
        "Raúl",
        "Rubén",
        "Iván",
        "Marcos",
        "Hugo",
        "Óscar",
    ],
    last: &[
        "García",
        "Rodríguez",
        "González",
        "Fernández",
        "López",
        "Martínez",
        "Sánchez",
        "Pérez",
        "Gómez",
        "Martín",
        "Jiménez",
        "Ruiz",
        "Hernández",
        "Díaz",
        "Moreno",
        "Muñoz",
        "Álvarez",
        "Romero",
        "Alonso",
        "Gutiérrez",
        "Navarro",
        "Torres",
        "Domínguez",
        "Vázquez",
        "Ramos",
        "Gil",
        "Ramírez",
        "Serrano",
        "Blanco",
        "Molina",
        "Morales",
        "Suárez",
        "Ortega",
        "Delgado",
        "Castro",
        "Ortiz",
        "Rubio",
        "Marín",
        "Sanz",
        "Iglesias",
        "Núñez",
        "Medina",
        "Garrido",
    ],
};

const US_NAMES: Names = Names {
    female: &[
        "Emily",
        "Jessica",
        "Ashley",
        "Sarah",
        "Jennifer",
        "Amanda",
        "Megan",
        "Lauren",
        "Rachel",
        "Samantha",
        "Nicole",
        "Elizabeth",
        "Hannah",
        "Madison",
        "Olivia",
        "Taylor",
        "Brittany",
        "Kayla",
        "Michelle",
        "Stephanie",
        "Heather",
        "Melissa",
        "Kimberly",
        "Danielle",
        "Maria",
        "Chloe",
        "Abigail",
        "Mei",
    ],
    male: &[
        "Michael",
        "Christopher",
        "Matthew",
        "Joshua",
        "David",
        "James",
        "Daniel",
        "Robert",
        "John",
        "Joseph",
        "Andrew",
        "Ryan",
        "Brandon",
        "Jason",
        "Justin",
        "William",
        "Tyler",
        "Kevin",
        "Eric",
        "Brian",
        "Jacob",
        "Nicholas",
        "Anthony",
        "Kyle",
        "Jose",
        "Ethan",
        "Austin",
        "Wei",
    ],
    last: &[
        "Smith",
        "Johnson",
        "Williams",
        "Brown",
        "Jones",
        "Garcia",
        "Miller",
        "Davis",
        "Rodriguez",
        "Martinez",
        "Hernandez",
        "Lopez",
        "Gonzalez",
        "Wilson",
        "Anderson",
        "Thomas",
        "Taylor",
        "Moore",
        "Jackson",
        "Martin",
        "Lee",
        "Perez",
        "Thompson",
        "White",
        "Harris",
        "Sanchez",
        "Clark",
        "Ramirez",
        "Lewis",
        "Robinson",
        "Walker",
        "Young",
        "Allen",
        "King",
        "Wright",
        "Scott",
        "Torres",
        "Nguyen",
        "Hill",
        "Flores",
        "Green",
        "Adams",
        "Nelson",
        "Baker",
        "Hall",
        "Rivera",
        "Campbell",
        "Mitchell",
        "Carter",
        "Roberts",
        "Kim",
        "Patel",
        "O'Brien",
        "Murphy",
        "Cohen",
        "Sullivan",
        "Chen",
    ],
};

/// A city with the range of its postal codes (start, end, step) or, for the UK, outward codes.
struct City {
    name: &'static str,
    lo: u32,
    hi: u32,
    step: u32,
    /// US state, or UK outward codes (as one space-separated list).
    extra: &'static str,
    zone: Zone,
    /// Telephone area codes (US) or landline prefixes, space-separated.
    area: &'static str,
}

macro_rules! city {
    ($name:literal, $lo:literal, $hi:literal, $step:literal) => {
        City {
            name: $name,
            lo: $lo,
            hi: $hi,
            step: $step,
            extra: "",
            zone: Zone::Central,
            area: "",
        }
    };
    ($name:literal, $extra:literal, $zone:ident) => {
        City {
            name: $name,
            lo: 0,
            hi: 0,
            step: 1,
            extra: $extra,
            zone: Zone::$zone,
            area: "",
        }
    };
    ($name:literal, $lo:literal, $hi:literal, $state:literal, $zone:ident, $area:literal) => {
        City {
            name: $name,
            lo: $lo,
            hi: $hi,
            step: 1,
            extra: $state,
            zone: Zone::$zone,
            area: $area,
        }
    };
}

const DE_CITIES: &[City] = &[
    city!("Berlin", 10115, 14199, 1),
    city!("Hamburg", 20095, 22769, 1),
    city!("München", 80331, 81929, 1),
    city!("Köln", 50667, 51149, 1),
    city!("Frankfurt am Main", 60306, 60599, 1),
    city!("Stuttgart", 70173, 70629, 1),
    city!("Düsseldorf", 40210, 40629, 1),
    city!("Leipzig", 4103, 4357, 1),
    city!("Dresden", 1067, 1328, 1),
    city!("Hannover", 30159, 30669, 1),
    city!("Nürnberg", 90402, 90491, 1),
    city!("Bremen", 28195, 28779, 1),
    city!("Freiburg im Breisgau", 79098, 79117, 1),
    city!("Münster", 48143, 48167, 1),
    city!("Heidelberg", 69115, 69126, 1),
    city!("Augsburg", 86150, 86199, 1),
    city!("Regensburg", 93047, 93059, 1),
    city!("Kiel", 24103, 24159, 1),
    city!("Bonn", 53111, 53229, 1),
    city!("Mainz", 55116, 55131, 1),
    city!("Bielefeld", 33602, 33739, 1),
    city!("Lüneburg", 21335, 21339, 1),
];

const GB_CITIES: &[City] = &[
    city!(
        "London",
        "SW1A SW11 SE15 N1 E8 NW3 W12 EC1V SE22 N16",
        London
    ),
    city!("Manchester", "M1 M14 M20 M21", London),
    city!("Birmingham", "B1 B15 B29 B13", London),
    city!("Leeds", "LS1 LS6 LS8", London),
    city!("Bristol", "BS1 BS6 BS8", London),
    city!("Edinburgh", "EH1 EH6 EH10", London),
    city!("Glasgow", "G1 G12 G41", London),
    city!("Liverpool", "L1 L17 L18", London),
    city!("Cardiff", "CF10 CF11 CF24", London),
    city!("Brighton", "BN1 BN2 BN3", London),
    city!("Oxford", "OX1 OX2 OX4", London),
    city!("Cambridge", "CB1 CB2 CB4", London),
    city!("Nottingham", "NG1 NG5 NG7", London),
    city!("Sheffield", "S1 S7 S10", London),
    city!("York", "YO1 YO10 YO31", London),
    city!("Norwich", "NR1 NR2 NR3", London),
];

const FR_CITIES: &[City] = &[
    city!("Paris", 75001, 75020, 1),
    city!("Lyon", 69001, 69009, 1),
    city!("Marseille", 13001, 13016, 1),
    city!("Toulouse", 31000, 31500, 100),
    city!("Nice", 6000, 6300, 100),
    city!("Nantes", 44000, 44300, 100),
    city!("Strasbourg", 67000, 67200, 100),
    city!("Montpellier", 34000, 34090, 10),
    city!("Bordeaux", 33000, 33800, 100),
    city!("Lille", 59000, 59800, 100),
    city!("Rennes", 35000, 35700, 100),
    city!("Grenoble", 38000, 38100, 100),
    city!("Dijon", 21000, 21000, 1),
    city!("Annecy", 74000, 74000, 1),
];

const IT_CITIES: &[City] = &[
    city!("Roma", 118, 199, 1),
    city!("Milano", 20121, 20162, 1),
    city!("Napoli", 80121, 80147, 1),
    city!("Torino", 10121, 10156, 1),
    city!("Bologna", 40121, 40141, 1),
    city!("Firenze", 50121, 50145, 1),
    city!("Genova", 16121, 16167, 1),
    city!("Palermo", 90121, 90151, 1),
    city!("Verona", 37121, 37142, 1),
    city!("Padova", 35121, 35143, 1),
    city!("Bari", 70121, 70132, 1),
    city!("Trieste", 34121, 34151, 1),
];

const ES_CITIES: &[City] = &[
    city!("Madrid", 28001, 28055, 1),
    city!("Barcelona", 8001, 8042, 1),
    city!("Valencia", 46001, 46026, 1),
    city!("Sevilla", 41001, 41020, 1),
    city!("Zaragoza", 50001, 50021, 1),
    city!("Málaga", 29001, 29018, 1),
    city!("Bilbao", 48001, 48015, 1),
    city!("Alicante", 3001, 3016, 1),
    city!("Valladolid", 47001, 47016, 1),
    city!("Granada", 18001, 18015, 1),
    city!("Palma", 7001, 7015, 1),
    city!("Murcia", 30001, 30012, 1),
];

const US_CITIES: &[City] = &[
    city!("New York", 10001, 10282, "NY", UsEastern, "212 646 917"),
    city!("Brooklyn", 11201, 11239, "NY", UsEastern, "718 347 929"),
    city!("Boston", 2108, 2137, "MA", UsEastern, "617 857"),
    city!("Philadelphia", 19102, 19154, "PA", UsEastern, "215 267"),
    city!("Atlanta", 30303, 30363, "GA", UsEastern, "404 470"),
    city!("Miami", 33125, 33199, "FL", UsEastern, "305 786"),
    city!("Columbus", 43201, 43235, "OH", UsEastern, "614 380"),
    city!("Chicago", 60601, 60661, "IL", UsCentral, "312 773 872"),
    city!("Austin", 78701, 78759, "TX", UsCentral, "512 737"),
    city!("Houston", 77002, 77099, "TX", UsCentral, "713 832 281"),
    city!("Dallas", 75201, 75254, "TX", UsCentral, "214 469 972"),
    city!("Minneapolis", 55401, 55419, "MN", UsCentral, "612"),
    city!("Nashville", 37201, 37221, "TN", UsCentral, "615 629"),
    city!("Denver", 80202, 80239, "CO", UsMountain, "303 720"),
    city!("Phoenix", 85003, 85054, "AZ", Arizona, "602 480"),
    city!("Seattle", 98101, 98199, "WA", UsPacific, "206"),
    city!("Portland", 97201, 97239, "OR", UsPacific, "503 971"),
    city!("San Francisco", 94102, 94134, "CA", UsPacific, "415 628"),
    city!("Los Angeles", 90001, 90089, "CA", UsPacific, "213 310 323"),
    city!("San Diego", 92101, 92130, "CA", UsPacific, "619 858"),
];

const DE_STREETS: &[&str] = &[
    "Lindenstraße",
    "Hauptstraße",
    "Bahnhofstraße",
    "Schillerstraße",
    "Goethestraße",
    "Gartenweg",
    "Am Mühlbach",
    "Kirchplatz",
    "Rosenweg",
    "Birkenallee",
    "Friedrichstraße",
    "Bergstraße",
    "Mozartstraße",
    "Waldstraße",
    "Schulstraße",
    "Ringstraße",
    "Kastanienallee",
    "Eichendorffweg",
    "Uhlandstraße",
    "Sonnenstraße",
    "Parkstraße",
    "Feldstraße",
    "Dorfstraße",
    "Talstraße",
    "Marktplatz",
    "Beethovenstraße",
    "Kantstraße",
    "Am Sonnenhang",
    "Weinbergweg",
    "Luisenstraße",
];
const GB_STREETS: &[&str] = &[
    "High Street",
    "Station Road",
    "Church Lane",
    "Victoria Road",
    "Park Avenue",
    "Mill Lane",
    "Green Lane",
    "Manor Road",
    "Queen's Road",
    "King Street",
    "The Crescent",
    "Albert Road",
    "Grove Road",
    "Elm Close",
    "Windsor Gardens",
    "Springfield Road",
    "Chestnut Avenue",
    "Orchard Way",
    "Kingsway",
    "Meadow View",
];
const FR_STREETS: &[&str] = &[
    "rue de la Paix",
    "rue Victor Hugo",
    "avenue Jean Jaurès",
    "boulevard Voltaire",
    "rue des Lilas",
    "rue Pasteur",
    "place de la République",
    "rue du Moulin",
    "chemin des Vignes",
    "allée des Tilleuls",
    "rue Gambetta",
    "avenue de la Gare",
    "impasse des Roses",
    "rue de la Liberté",
    "rue Nationale",
    "quai des Chartrons",
];
const IT_STREETS: &[&str] = &[
    "Via Roma",
    "Via Garibaldi",
    "Corso Vittorio Emanuele II",
    "Via Dante Alighieri",
    "Piazza della Repubblica",
    "Via Giuseppe Mazzini",
    "Viale dei Mille",
    "Via Cavour",
    "Via Giuseppe Verdi",
    "Via XX Settembre",
    "Largo Augusto",
    "Via San Francesco",
    "Via dei Tigli",
    "Corso Italia",
];
const ES_STREETS: &[&str] = &[
    "Calle Mayor",
    "Calle de Alcalá",
    "Avenida de la Constitución",
    "Calle Gran Vía",
    "Paseo de Gracia",
    "Calle Real",
    "Plaza de España",
    "Calle San Juan",
    "Avenida de América",
    "Calle del Carmen",
    "Calle del Sol",
    "Calle de la Luna",
    "Ronda de Toledo",
];
const US_STREETS: &[&str] = &[
    "Oak Street",
    "Maple Avenue",
    "Pine Street",
    "Cedar Lane",
    "Elm Street",
    "Washington Avenue",
    "Lake Drive",
    "Park Place",
    "Sunset Boulevard",
    "Hillcrest Road",
    "Main Street",
    "Lincoln Avenue",
    "Willow Way",
    "Highland Avenue",
    "Jefferson Street",
    "Ridge Road",
    "Magnolia Drive",
];

fn names(c: Country) -> &'static Names {
    match c {
        Country::De => &DE_NAMES,
        Country::Gb => &GB_NAMES,
        Country::Fr => &FR_NAMES,
        Country::It => &IT_NAMES,
        Country::Es => &ES_NAMES,
        Country::Us => &US_NAMES,
    }
}

fn cities(c: Country) -> &'static [City] {
    match c {
        Country::De => DE_CITIES,
        Country::Gb => GB_CITIES,
        Country::Fr => FR_CITIES,
        Country::It => IT_CITIES,
        Country::Es => ES_CITIES,
        Country::Us => US_CITIES,
    }
}

fn streets(c: Country) -> &'static [&'static str] {
    match c {
        Country::De => DE_STREETS,
        Country::Gb => GB_STREETS,
        Country::Fr => FR_STREETS,
        Country::It => IT_STREETS,
        Country::Es => ES_STREETS,
        Country::Us => US_STREETS,
    }
}

/// A postal address as the customer keeps it; orders write it in several ways.
#[derive(Clone, Debug)]
pub(crate) struct Address {
    pub(crate) street: &'static str,
    pub(crate) house: String,
    /// Flat, floor or building.
    pub(crate) extra: Option<String>,
    pub(crate) city: &'static str,
    pub(crate) postal: String,
    pub(crate) state: &'static str,
    pub(crate) zone: Zone,
    area_codes: &'static str,
}

/// How a person writes: it decides greetings, typos and signatures.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Style {
    /// 0 formal, 1 plain, 2 casual.
    pub(crate) casual: u8,
    /// Chance of a typo per message.
    pub(crate) typos: f64,
    /// Writes from a phone ("Sent from my iPhone").
    pub(crate) phone_signature: bool,
    /// Gets angry quickly.
    pub(crate) temper: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lookalike {
    /// Lives at the address of customer `of`, with another first name.
    Spouse { of: u64 },
    /// Has the name of customer `of`, lives elsewhere.
    Namesake { of: u64 },
}

#[derive(Clone, Debug)]
pub(crate) struct Person {
    pub(crate) idx: u64,
    pub(crate) country: Country,
    pub(crate) female: bool,
    pub(crate) first: &'static str,
    pub(crate) last: String,
    pub(crate) address: Address,
    /// National significant number, digits only.
    phone: String,
    pub(crate) email: String,
    pub(crate) ebay_user: String,
    walmart_local: String,
    pub(crate) shopify_customer: u64,
    amazon_key: u64,
    /// Storefronts this person buys on, with weights.
    pub(crate) storefronts: Vec<(Mp, u32)>,
    pub(crate) style: Style,
    pub(crate) lookalike: Option<Lookalike>,
}

pub(crate) fn person_id(idx: u64) -> String {
    let mut s = String::with_capacity(12);
    s.push('p');
    crate::json::push_uint(&mut s, idx, 7);
    s
}

impl Person {
    pub(crate) fn lang(&self) -> Lang {
        self.country.lang()
    }

    pub(crate) fn full_name(&self) -> String {
        format!("{} {}", self.first, self.last)
    }

    /// The buyer's relay alias on an Amazon storefront: 12–16 lowercase letters and digits, one
    /// per buyer and storefront, stable for the buyer.
    pub(crate) fn amazon_alias(&self, mp: Mp) -> String {
        let mut r = Rng::new(self.amazon_key ^ mix(mp.index() + 1));
        let len = 12 + r.index(5);
        let mut s = String::with_capacity(len + 24);
        for _ in 0..len {
            let v = r.below(36) as u8;
            s.push(char::from(if v < 10 { b'0' + v } else { b'a' + v - 10 }));
        }
        s.push('@');
        s.push_str(mp.relay_domain());
        s
    }

    pub(crate) fn ebay_relay(&self) -> String {
        format!("{}@{}", self.ebay_user, Mp::EbayDe.relay_domain())
    }

    pub(crate) fn walmart_relay(&self) -> String {
        format!("{}@{}", self.walmart_local, Mp::WalmartCom.relay_domain())
    }

    /// The address a buyer writes from on a storefront (its relay), or the personal e-mail.
    pub(crate) fn address_on(&self, mp: Mp) -> String {
        if mp.is_amazon() {
            self.amazon_alias(mp)
        } else {
            match mp {
                Mp::EbayDe => self.ebay_relay(),
                Mp::WalmartCom => self.walmart_relay(),
                _ => self.email.clone(),
            }
        }
    }

    /// The phone number in one of the ways people write it, national or international.
    pub(crate) fn phone(&self, rng: &mut Rng) -> String {
        let p = self.phone.as_str();
        let international = rng.chance(0.45);
        let (a, b) = split_phone(self.country, p);
        match self.country {
            Country::De => match (international, rng.index(3)) {
                (true, 0) => format!("+49 {a} {b}"),
                (true, 1) => format!("+49{p}"),
                (true, _) => format!("0049 {a} {b}"),
                (false, 0) => format!("0{a} {b}"),
                (false, 1) => format!("0{a}/{b}"),
                (false, _) => format!("0{a}-{b}"),
            },
            Country::Gb => {
                if international {
                    format!("+44 {a} {b}")
                } else if rng.chance(0.5) {
                    format!("0{a} {b}")
                } else {
                    format!("0{p}")
                }
            }
            Country::Fr => {
                let pairs = pairs(&p[1..]);
                if international {
                    format!("+33 {} {pairs}", &p[..1])
                } else if rng.chance(0.7) {
                    format!("0{} {pairs}", &p[..1])
                } else {
                    format!("0{p}")
                }
            }
            Country::It => {
                if international {
                    format!("+39 {} {} {}", &p[..3], &p[3..6], &p[6..])
                } else {
                    format!("{} {}", &p[..3], &p[3..])
                }
            }
            Country::Es => {
                if international {
                    format!("+34 {} {}", &p[..3], pairs(&p[3..]))
                } else if rng.chance(0.5) {
                    format!("{} {}", &p[..3], pairs(&p[3..]))
                } else {
                    p.to_string()
                }
            }
            Country::Us => {
                let (area, ex, line) = (&p[..3], &p[3..6], &p[6..]);
                match (international, rng.index(2)) {
                    (true, 0) => format!("+1 {area}-{ex}-{line}"),
                    (true, _) => format!("+1{p}"),
                    (false, 0) => format!("({area}) {ex}-{line}"),
                    (false, _) => format!("{area}-{ex}-{line}"),
                }
            }
        }
    }
}

fn split_phone(c: Country, p: &str) -> (&str, &str) {
    let cut = match c {
        Country::De => 3,
        Country::Gb => 4,
        _ => 3,
    };
    (&p[..cut.min(p.len())], &p[cut.min(p.len())..])
}

fn pairs(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3 / 2);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && i % 2 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Lowercase ASCII for e-mail local parts and user names ("Jürgen Weiß" → "juergen", "weiss").
pub(crate) fn ascii_fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ä' | 'Ä' => out.push_str("ae"),
            'ö' | 'Ö' => out.push_str("oe"),
            'ü' | 'Ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            'á' | 'à' | 'â' | 'Á' | 'À' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' => out.push('e'),
            'í' | 'ì' | 'î' | 'ï' | 'Í' | 'ı' => out.push('i'),
            'ó' | 'ò' | 'ô' | 'Ó' | 'Ò' => out.push('o'),
            'ú' | 'ù' | 'û' | 'Ú' => out.push('u'),
            'ç' => out.push('c'),
            'ñ' | 'Ñ' => out.push('n'),
            c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            _ => {}
        }
    }
    out
}

fn email_domains(c: Country) -> &'static [(&'static str, u32)] {
    match c {
        Country::De => &[
            ("gmail.com", 30),
            ("web.de", 20),
            ("gmx.de", 16),
            ("gmx.net", 5),
            ("t-online.de", 10),
            ("outlook.de", 5),
            ("yahoo.de", 3),
            ("icloud.com", 6),
            ("posteo.de", 2),
            ("freenet.de", 3),
        ],
        Country::Gb => &[
            ("gmail.com", 35),
            ("hotmail.co.uk", 15),
            ("outlook.com", 12),
            ("yahoo.co.uk", 10),
            ("btinternet.com", 10),
            ("sky.com", 5),
            ("icloud.com", 10),
            ("live.co.uk", 3),
        ],
        Country::Fr => &[
            ("gmail.com", 35),
            ("orange.fr", 18),
            ("free.fr", 14),
            ("hotmail.fr", 12),
            ("laposte.net", 8),
            ("sfr.fr", 6),
            ("wanadoo.fr", 4),
            ("yahoo.fr", 3),
        ],
        Country::It => &[
            ("gmail.com", 40),
            ("libero.it", 20),
            ("hotmail.it", 12),
            ("virgilio.it", 8),
            ("alice.it", 6),
            ("tiscali.it", 4),
            ("yahoo.it", 10),
        ],
        Country::Es => &[
            ("gmail.com", 45),
            ("hotmail.com", 15),
            ("hotmail.es", 12),
            ("yahoo.es", 10),
            ("outlook.es", 10),
            ("telefonica.net", 8),
        ],
        Country::Us => &[
            ("gmail.com", 45),
            ("yahoo.com", 15),
            ("outlook.com", 10),
            ("hotmail.com", 8),
            ("icloud.com", 12),
            ("aol.com", 5),
            ("comcast.net", 5),
        ],
    }
}

fn make_email(rng: &mut Rng, c: Country, first: &str, last: &str) -> String {
    let f = ascii_fold(first);
    let l = ascii_fold(last.split(' ').next().unwrap_or(last));
    let fi = &f[..1.min(f.len())];
    let local = match rng.index(8) {
        0 | 1 => format!("{f}.{l}"),
        2 => format!("{f}{l}"),
        3 => format!("{fi}.{l}"),
        4 => format!("{f}_{l}"),
        5 => format!("{l}.{f}"),
        6 => format!("{fi}{l}"),
        _ => format!("{f}.{}", &l[..l.len().min(1)]),
    };
    // Numbers make most addresses unique, as they are in real life.
    let number = match rng.index(10) {
        0..=2 => String::new(),
        3..=6 => format!("{:02}", rng.range(58, 105) % 100),
        _ => format!("{}", rng.range(1, 9999)),
    };
    let domains = email_domains(c);
    let weights: Vec<u32> = domains.iter().map(|d| d.1).collect();
    let domain = domains[rng.weighted(&weights)].0;
    format!("{local}{number}@{domain}")
}

const EBAY_WORDS: &[&str] = &[
    "lampenfan",
    "sammler",
    "wohnidee",
    "schnaeppchen",
    "gartenfreund",
    "nordlicht",
    "hobbybastler",
    "altbau",
    "leseratte",
    "kaffeeliebe",
    "landhaus",
    "stadtkind",
];

fn make_ebay_user(rng: &mut Rng, first: &str, last: &str, city: &str) -> String {
    let f = ascii_fold(first);
    let l = ascii_fold(last);
    let c = ascii_fold(city);
    let c3 = &c[..c.len().min(3)];
    match rng.index(6) {
        0 => format!("{f}_{}{}", &l[..1.min(l.len())], rng.range(10, 99)),
        1 => format!("{l}{}-{}", &f[..1.min(f.len())], rng.range(1, 9)),
        2 => format!("{}_{c3}{}", rng.pick(EBAY_WORDS), rng.range(1, 999)),
        3 => format!("{f}{l}{}", rng.range(60, 99)),
        4 => format!("{}.{f}{}", rng.pick(EBAY_WORDS), rng.range(1, 99)),
        _ => format!("{c3}-{f}{}", rng.range(100, 9999)),
    }
}

fn random_alnum(rng: &mut Rng, len: usize) -> String {
    (0..len)
        .map(|_| {
            let v = rng.below(36) as u8;
            char::from(if v < 10 { b'0' + v } else { b'a' + v - 10 })
        })
        .collect()
}

fn make_address(rng: &mut Rng, c: Country) -> Address {
    let city = rng.pick(cities(c));
    let postal = match c {
        Country::Gb => {
            let outward: Vec<&str> = city.extra.split(' ').collect();
            let letters = b"ABDEFGHJLNPQRSTUWXYZ";
            let l1 = char::from(*rng.pick(letters));
            let l2 = char::from(*rng.pick(letters));
            format!("{} {}{l1}{l2}", rng.pick(&outward), rng.range(1, 9))
        }
        _ => {
            let steps = (city.hi - city.lo) / city.step.max(1);
            let code = city.lo + city.step * rng.range(0, i64::from(steps)) as u32;
            format!("{code:05}")
        }
    };
    let street = *rng.pick(streets(c));
    let mut house = match c {
        Country::Us => format!("{}", rng.range(10, 9899)),
        Country::It | Country::Es => format!("{}", rng.range(1, 180)),
        _ => format!("{}", rng.range(1, 120)),
    };
    if c == Country::De && rng.chance(0.08) {
        house.push(*rng.pick(&['a', 'b', 'c']));
    }
    if c == Country::Fr && rng.chance(0.05) {
        house.push_str(" bis");
    }
    let extra = match c {
        Country::Es => Some(format!(
            "{}º {}",
            rng.range(1, 8),
            rng.pick(&["A", "B", "C", "D", "izda.", "dcha."])
        )),
        Country::Us if rng.chance(0.35) => {
            let letter = if rng.chance(0.4) {
                *rng.pick(&["A", "B", "C", "D"])
            } else {
                ""
            };
            Some(format!(
                "{} {}{letter}",
                rng.pick(&["Apt", "Apt", "Unit", "#"]),
                rng.range(1, 40)
            ))
        }
        Country::Gb if rng.chance(0.25) => Some(format!("Flat {}", rng.range(1, 24))),
        Country::Fr if rng.chance(0.25) => Some(format!(
            "{} {}",
            rng.pick(&["Appartement", "Bâtiment B, appt", "Résidence les Pins, apt"]),
            rng.range(1, 60)
        )),
        Country::It if rng.chance(0.2) => Some(format!(
            "Scala {}, int. {}",
            rng.pick(&["A", "B", "C"]),
            rng.range(1, 30)
        )),
        Country::De if rng.chance(0.1) => Some(
            rng.pick(&["Hinterhaus", "3. OG", "bei Schulz", "2. OG links"])
                .to_string(),
        ),
        _ => None,
    };
    Address {
        street,
        house,
        extra,
        city: city.name,
        postal,
        state: if c == Country::Us { city.extra } else { "" },
        zone: city.zone,
        area_codes: city.area,
    }
}

fn make_phone(rng: &mut Rng, c: Country, addr: &Address) -> String {
    let digits = |rng: &mut Rng, n: usize| -> String {
        (0..n)
            .map(|_| char::from(b'0' + rng.below(10) as u8))
            .collect()
    };
    match c {
        Country::De => {
            let pre = rng.pick(&[
                "151", "152", "157", "159", "160", "162", "163", "170", "171", "172", "173", "174",
                "175", "176", "177", "178", "179",
            ]);
            let n = if rng.chance(0.5) { 7 } else { 8 };
            format!("{pre}{}", digits(rng, n))
        }
        Country::Gb => format!(
            "7{}{}",
            rng.pick(&["4", "5", "7", "8", "9"]),
            digits(rng, 8)
        ),
        Country::Fr => format!("{}{}", rng.pick(&["6", "6", "7"]), digits(rng, 8)),
        Country::It => format!(
            "3{}{}",
            rng.pick(&[
                "20", "28", "33", "34", "35", "38", "40", "45", "47", "49", "66", "88", "91"
            ]),
            digits(rng, 7)
        ),
        Country::Es => format!("6{}", digits(rng, 8)),
        Country::Us => {
            let areas: Vec<&str> = addr
                .area_codes
                .split(' ')
                .filter(|s| !s.is_empty())
                .collect();
            let area = if areas.is_empty() {
                "212"
            } else {
                *rng.pick(&areas)
            };
            let exchange = rng.range(201, 989);
            format!("{area}{exchange}{}", digits(rng, 4))
        }
    }
}

fn make_style(rng: &mut Rng) -> Style {
    let casual = rng.weighted(&[30, 50, 20]) as u8;
    Style {
        casual,
        typos: match casual {
            0 => 0.04,
            1 => 0.12,
            _ => 0.35,
        },
        phone_signature: rng.chance(0.18),
        temper: rng.unit() * rng.unit(),
    }
}

/// A person drawn from their own stream only, before look-alike relations are applied.
fn base_person(seed: u64, idx: u64) -> Person {
    let mut rng = Rng::derive(seed, idx, Stream::Person);
    let country = COUNTRIES[rng.weighted(&COUNTRY_WEIGHTS)];
    let female = rng.chance(0.56);
    let n = names(country);
    let first = *rng.pick(if female { n.female } else { n.male });
    let mut last = rng.pick(n.last).to_string();
    if country == Country::Es && rng.chance(0.75) {
        // Spaniards carry two surnames.
        last = format!("{last} {}", rng.pick(n.last));
    }
    let address = make_address(&mut rng, country);
    let phone = make_phone(&mut rng, country, &address);
    let email = make_email(&mut rng, country, first, &last);
    let ebay_user = make_ebay_user(&mut rng, first, &last, address.city);
    let walmart_local = random_alnum(&mut rng, 18);
    let shopify_customer = 7_000_000_000_000 + permute(idx, 1_000_000_000_000, seed ^ 0x5407);
    let amazon_key = rng.next_u64();
    let storefronts = pick_storefronts(&mut rng, country);
    let style = make_style(&mut rng);
    Person {
        idx,
        country,
        female,
        first,
        last,
        address,
        phone,
        email,
        ebay_user,
        walmart_local,
        shopify_customer,
        amazon_key,
        storefronts,
        style,
        lookalike: None,
    }
}

/// Most people buy on one or two storefronts; some on three. The first found is the favourite.
fn pick_storefronts(rng: &mut Rng, country: Country) -> Vec<(Mp, u32)> {
    let offered = country.storefronts();
    let mut storefronts: Vec<(Mp, u32)> = Vec::with_capacity(3);
    let wanted = 1 + rng.weighted(&[55, 35, 10]);
    let weights: Vec<u32> = offered.iter().map(|o| o.1).collect();
    for _ in 0..8 {
        if storefronts.len() >= wanted.min(offered.len()) {
            break;
        }
        let (mp, _) = offered[rng.weighted(&weights)];
        if !storefronts.iter().any(|s| s.0 == mp) {
            let w = if storefronts.is_empty() { 70 } else { 30 };
            storefronts.push((mp, w));
        }
    }
    storefronts
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Independent,
    Spouse(u64),
    Namesake(u64),
}

fn role(seed: u64, idx: u64) -> Role {
    let mut rng = Rng::derive(seed, idx, Stream::Lookalike);
    let r = rng.unit();
    let spouse_gap = rng.range(1, 6) as u64;
    let namesake_gap = rng.range(1, 60) as u64;
    if r < 0.05 && idx >= spouse_gap {
        Role::Spouse(idx - spouse_gap)
    } else if r < 0.08 && idx >= namesake_gap {
        Role::Namesake(idx - namesake_gap)
    } else {
        Role::Independent
    }
}

/// Customer `idx` of the world built from `seed`. Look-alikes are tied to an earlier,
/// independent customer, so each person can still be built on its own.
pub(crate) fn person(seed: u64, idx: u64) -> Person {
    let mut p = base_person(seed, idx);
    match role(seed, idx) {
        Role::Independent => {}
        Role::Spouse(of) if role(seed, of) == Role::Independent => {
            let partner = base_person(seed, of);
            let mut rng = Rng::derive(seed, idx, Stream::Lookalike);
            rng.next_u64();
            let own_country = p.country;
            p.country = partner.country;
            p.address = partner.address.clone();
            p.female = !partner.female || rng.chance(0.1);
            let n = names(p.country);
            let list = if p.female { n.female } else { n.male };
            let mut first = *rng.pick(list);
            if first == partner.first {
                first = list[(list.iter().position(|&f| f == first).unwrap_or(0) + 1) % list.len()];
            }
            p.first = first;
            if rng.chance(0.7) {
                p.last = partner.last.clone();
            } else if own_country != partner.country {
                p.last = rng.pick(n.last).to_string();
            }
            p.email = make_email(&mut rng, p.country, p.first, &p.last);
            p.phone = make_phone(&mut rng, p.country, &p.address);
            p.storefronts = partner.storefronts.clone();
            p.lookalike = Some(Lookalike::Spouse { of });
        }
        Role::Namesake(of) if role(seed, of) == Role::Independent => {
            let twin = base_person(seed, of);
            let mut rng = Rng::derive(seed, idx, Stream::Lookalike);
            rng.next_u64();
            let base_country = p.country;
            p.country = twin.country;
            p.first = twin.first;
            p.last = twin.last.clone();
            p.female = twin.female;
            // Another city of the same country, so only the name matches.
            for _ in 0..8 {
                p.address = make_address(&mut rng, p.country);
                if p.address.city != twin.address.city {
                    break;
                }
            }
            p.email = make_email(&mut rng, p.country, p.first, &p.last);
            if p.email == twin.email {
                p.email = format!("{}{}", rng.range(2, 9), p.email);
            }
            p.phone = make_phone(&mut rng, p.country, &p.address);
            if p.country != base_country {
                p.storefronts = pick_storefronts(&mut rng, p.country);
            }
            p.lookalike = Some(Lookalike::Namesake { of });
        }
        _ => {}
    }
    // Storefronts must exist in the (possibly changed) country.
    if p.storefronts.is_empty() {
        p.storefronts.push((p.country.storefronts()[0].0, 70));
    }
    p
}

/// Someone who is not a customer (a gift recipient), drawn from a stream no customer uses.
pub(crate) fn stranger(seed: u64, key: u64, country: Country) -> (String, Address) {
    let mut rng = Rng::derive(seed ^ 0x6e1f_7ac3, key, Stream::Person);
    let n = names(country);
    let female = rng.chance(0.6);
    let first = rng.pick(if female { n.female } else { n.male });
    let last = rng.pick(n.last);
    (format!("{first} {last}"), make_address(&mut rng, country))
}

/// The street line written one of the ways people write it ("Lindenstraße 12",
/// "Lindenstr. 12"); `canonical` gives the person's usual form.
pub(crate) fn street_line(c: Country, a: &Address, rng: &mut Rng, canonical: bool) -> String {
    let variant = if canonical { 0 } else { rng.index(4) };
    match c {
        Country::De => {
            let street = match variant {
                1 => a.street.replace("straße", "str.").replace("Straße", "Str."),
                2 => a.street.replace("straße", "strasse"),
                _ => a.street.to_string(),
            };
            if variant == 3 && street.ends_with("str.") {
                format!("{street}{}", a.house)
            } else {
                format!("{street} {}", a.house)
            }
        }
        Country::Gb | Country::Us => {
            let abbreviated = variant == 1 || variant == 2;
            let mut street = a.street.to_string();
            if abbreviated {
                for (long, short) in [
                    ("Street", "St"),
                    ("Road", "Rd"),
                    ("Avenue", "Ave"),
                    ("Lane", "Ln"),
                    ("Drive", "Dr"),
                    ("Boulevard", "Blvd"),
                    ("Place", "Pl"),
                    ("Close", "Cl"),
                ] {
                    if street.ends_with(long) {
                        street = format!("{}{}", &street[..street.len() - long.len()], short);
                        if variant == 2 {
                            street.push('.');
                        }
                        break;
                    }
                }
            }
            match (&a.extra, c, variant) {
                (Some(flat), Country::Gb, 3) => format!("{flat}, {} {street}", a.house),
                _ => format!("{} {street}", a.house),
            }
        }
        Country::Fr => match variant {
            1 => format!("{}, {}", a.house, a.street),
            2 => {
                let mut s = a.street.to_string();
                if let Some(f) = s.get(..1) {
                    s = format!("{}{}", f.to_uppercase(), &s[1..]);
                }
                format!("{} {s}", a.house)
            }
            _ => format!("{} {}", a.house, a.street),
        },
        Country::It => match variant {
            1 => format!("{}, {}", a.street, a.house),
            2 => format!("{} n. {}", a.street, a.house),
            _ => format!("{} {}", a.street, a.house),
        },
        Country::Es => {
            let extra = a.extra.as_deref().unwrap_or("");
            match variant {
                1 => format!(
                    "{}, {}, {extra}",
                    a.street.replacen("Calle ", "C/ ", 1),
                    a.house
                ),
                2 => format!("{} nº {} {extra}", a.street, a.house),
                _ => format!("{} {}, {extra}", a.street, a.house),
            }
        }
    }
}

/// The name written one of the ways order systems and people write it.
pub(crate) fn name_variant(p: &Person, rng: &mut Rng) -> String {
    match rng.weighted(&[62, 10, 8, 7, 5, 4, 4]) {
        0 => p.full_name(),
        1 => format!("{}, {}", p.last, p.first),
        2 => p.full_name().to_uppercase(),
        3 => p.full_name().to_lowercase(),
        4 => {
            let salutation = match (p.country, p.female) {
                (Country::De, true) => "Frau",
                (Country::De, false) => "Herr",
                (Country::Fr, true) => "Mme",
                (Country::Fr, false) => "M.",
                (Country::It, true) => "Sig.ra",
                (Country::It, false) => "Sig.",
                (Country::Es, true) => "Sra.",
                (Country::Es, false) => "Sr.",
                (_, true) => "Ms",
                (_, false) => "Mr",
            };
            format!("{salutation} {}", p.full_name())
        }
        5 => format!("{}. {}", p.first.chars().next().unwrap_or('X'), p.last),
        _ => p.full_name().replace(' ', "  "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookalikes_share_what_they_should() {
        let seed = 11;
        let mut spouses = 0;
        let mut namesakes = 0;
        for idx in 0..3000 {
            let p = person(seed, idx);
            match p.lookalike {
                Some(Lookalike::Spouse { of }) => {
                    let q = person(seed, of);
                    assert_eq!(p.address.postal, q.address.postal);
                    assert_eq!(p.address.street, q.address.street);
                    assert_ne!(p.first, q.first);
                    assert_ne!(p.email, q.email);
                    spouses += 1;
                }
                Some(Lookalike::Namesake { of }) => {
                    let q = person(seed, of);
                    assert_eq!((p.first, &p.last), (q.first, &q.last));
                    assert_ne!(p.address.city, q.address.city);
                    assert_ne!(p.email, q.email);
                    namesakes += 1;
                }
                None => {}
            }
        }
        assert!(spouses > 50 && namesakes > 30, "{spouses} {namesakes}");
    }

    #[test]
    fn aliases_are_stable_per_storefront() {
        let p = person(3, 17);
        assert_eq!(p.amazon_alias(Mp::AmazonDe), p.amazon_alias(Mp::AmazonDe));
        assert_ne!(p.amazon_alias(Mp::AmazonDe), p.amazon_alias(Mp::AmazonFr));
        let local = p.amazon_alias(Mp::AmazonUk);
        let (l, domain) = local.split_once('@').unwrap_or_default();
        assert!((12..=16).contains(&l.len()));
        assert_eq!(domain, "marketplace.amazon.co.uk");
    }

    #[test]
    fn folding() {
        assert_eq!(ascii_fold("Jürgen Weiß"), "juergenweiss");
        assert_eq!(ascii_fold("D'Angelo"), "dangelo");
    }
}
