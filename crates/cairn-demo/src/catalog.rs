//! The demo shop: its name and addresses, the marketplaces it sells on and its products.

use crate::rng::mix;
use crate::text::Lang;

pub const SHOP_NAME: &str = "Lumen & Linde";
/// The support address: answers go out from it and customers' e-mails arrive at it.
pub const SHOP_EMAIL: &str = "service@lumen-linde.com";
pub(crate) const SHOP_DOMAIN: &str = "lumen-linde.com";
/// The shop's member name on eBay.
pub(crate) const SHOP_EBAY_USER: &str = "lumen-und-linde";

/// Where an order was placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mp {
    AmazonDe,
    AmazonUk,
    AmazonFr,
    AmazonIt,
    AmazonEs,
    AmazonCom,
    EbayDe,
    WalmartCom,
    Shopify,
}

impl Mp {
    pub(crate) fn is_amazon(self) -> bool {
        matches!(
            self,
            Mp::AmazonDe
                | Mp::AmazonUk
                | Mp::AmazonFr
                | Mp::AmazonIt
                | Mp::AmazonEs
                | Mp::AmazonCom
        )
    }

    pub(crate) fn channel(self) -> &'static str {
        match self {
            Mp::EbayDe => "ebay",
            Mp::WalmartCom => "walmart",
            Mp::Shopify => "shopify",
            _ => "amazon",
        }
    }

    /// The `marketplace` field. The own store is named after its storefront.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Mp::AmazonDe => "amazon.de",
            Mp::AmazonUk => "amazon.co.uk",
            Mp::AmazonFr => "amazon.fr",
            Mp::AmazonIt => "amazon.it",
            Mp::AmazonEs => "amazon.es",
            Mp::AmazonCom => "amazon.com",
            Mp::EbayDe => "ebay.de",
            Mp::WalmartCom => "walmart.com",
            Mp::Shopify => "shopify",
        }
    }

    /// Language of the storefront; `None` for the own store, which speaks the customer's.
    pub(crate) fn lang(self) -> Option<Lang> {
        match self {
            Mp::AmazonDe | Mp::EbayDe => Some(Lang::De),
            Mp::AmazonUk | Mp::AmazonCom | Mp::WalmartCom => Some(Lang::En),
            Mp::AmazonFr => Some(Lang::Fr),
            Mp::AmazonIt => Some(Lang::It),
            Mp::AmazonEs => Some(Lang::Es),
            Mp::Shopify => None,
        }
    }

    /// Domain of the anonymising relay that carries buyer e-mail.
    pub(crate) fn relay_domain(self) -> &'static str {
        match self {
            Mp::AmazonDe => "marketplace.amazon.de",
            Mp::AmazonUk => "marketplace.amazon.co.uk",
            Mp::AmazonFr => "marketplace.amazon.fr",
            Mp::AmazonIt => "marketplace.amazon.it",
            Mp::AmazonEs => "marketplace.amazon.es",
            Mp::AmazonCom => "marketplace.amazon.com",
            Mp::EbayDe => "members.ebay.de",
            Mp::WalmartCom => "relay.walmart.com",
            Mp::Shopify => SHOP_DOMAIN,
        }
    }

    /// Amazon order-id prefixes seen on each storefront.
    pub(crate) fn amazon_prefixes(self) -> &'static [&'static str] {
        match self {
            Mp::AmazonDe => &["302", "303", "304", "305", "306", "028"],
            Mp::AmazonUk => &["202", "203", "204", "205", "206", "026"],
            Mp::AmazonFr | Mp::AmazonIt | Mp::AmazonEs => {
                &["402", "403", "404", "405", "406", "171"]
            }
            _ => &["111", "112", "113", "114"],
        }
    }

    pub(crate) fn index(self) -> u64 {
        self as u64
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Currency {
    Eur,
    Gbp,
    Usd,
}

impl Currency {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Currency::Eur => "EUR",
            Currency::Gbp => "GBP",
            Currency::Usd => "USD",
        }
    }

    /// A catalogue price (EUR cents) in this currency, rounded the way shops price: x.99 for
    /// pounds and dollars, the EUR price as it is.
    pub(crate) fn price(self, eur_cents: u64) -> u64 {
        let (num, den) = match self {
            Currency::Eur => return eur_cents,
            Currency::Gbp => (87, 100),
            Currency::Usd => (109, 100),
        };
        let converted = eur_cents * num / den;
        (converted.div_ceil(100) * 100).saturating_sub(1).max(99)
    }

    /// Appends an amount as the customer writes it: "49,90 €", "£42.99", "$54.99".
    pub(crate) fn push_human(self, out: &mut String, cents: u64, lang: Lang) {
        let number = |out: &mut String, sep: char| {
            crate::json::push_uint(out, cents / 100, 1);
            out.push(sep);
            crate::json::push_uint(out, cents % 100, 2);
        };
        match (self, lang) {
            (Currency::Eur, Lang::En) => {
                out.push('€');
                number(out, '.');
            }
            (Currency::Eur, _) => {
                number(out, ',');
                out.push_str(" €");
            }
            (Currency::Gbp, _) => {
                out.push('£');
                number(out, '.');
            }
            (Currency::Usd, _) => {
                out.push('$');
                number(out, '.');
            }
        }
    }
}

/// Decimal string for interchange records ("49.90").
pub(crate) fn decimal(cents: u64) -> String {
    let mut s = String::with_capacity(10);
    crate::json::push_uint(&mut s, cents / 100, 1);
    s.push('.');
    crate::json::push_uint(&mut s, cents % 100, 2);
    s
}

/// What kind of thing a product is; it decides which defects, missing parts and questions make
/// sense for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Category {
    Lamp,
    Bulb,
    Shade,
    Decor,
    Fabric,
}

pub(crate) struct Product {
    pub(crate) sku: &'static str,
    pub(crate) category: Category,
    pub(crate) eur_cents: u64,
    /// German, English, French, Italian, Spanish.
    pub(crate) titles: [&'static str; 5],
    pub(crate) needs_assembly: bool,
    /// Bought by the handful (bulbs, candles, cushion covers).
    pub(crate) multiples: bool,
}

impl Product {
    pub(crate) fn title(&self, lang: Lang) -> &'static str {
        self.titles[lang as usize]
    }

    /// The product's eBay listing number (fixed per SKU, like a real listing).
    pub(crate) fn ebay_item(&self) -> u64 {
        let h = self.sku.bytes().fold(0u64, |a, b| mix(a ^ u64::from(b)));
        256_000_000_000 + h % 900_000_000
    }
}

macro_rules! product {
    ($sku:literal, $cat:ident, $cents:literal, $asm:literal, $multi:literal, [$($t:literal),+ $(,)?]) => {
        Product {
            sku: $sku,
            category: Category::$cat,
            eur_cents: $cents,
            titles: [$($t),+],
            needs_assembly: $asm,
            multiples: $multi,
        }
    };
}

pub(crate) const PRODUCTS: &[Product] = &[
    product!(
        "LL-TL-101",
        Lamp,
        8990,
        false,
        false,
        [
            "Tischlampe Aurelia, Messing, 45 cm",
            "Aurelia Table Lamp, Brass, 45 cm",
            "Lampe de table Aurelia, laiton, 45 cm",
            "Lampada da tavolo Aurelia, ottone, 45 cm",
            "Lámpara de mesa Aurelia, latón, 45 cm",
        ]
    ),
    product!(
        "LL-TL-102",
        Lamp,
        3990,
        false,
        false,
        [
            "Nachttischlampe Nova mit Touch-Dimmer, Weiß",
            "Nova Bedside Lamp with Touch Dimmer, White",
            "Lampe de chevet Nova avec variateur tactile, blanc",
            "Lampada da comodino Nova con dimmer touch, bianco",
            "Lámpara de noche Nova con regulador táctil, blanco",
        ]
    ),
    product!(
        "LL-TL-103",
        Lamp,
        6490,
        false,
        false,
        [
            "Pilzlampe Funghi, Opalglas, 28 cm",
            "Funghi Mushroom Lamp, Opal Glass, 28 cm",
            "Lampe champignon Funghi, verre opalin, 28 cm",
            "Lampada a fungo Funghi, vetro opalino, 28 cm",
            "Lámpara seta Funghi, cristal opal, 28 cm",
        ]
    ),
    product!(
        "LL-SL-201",
        Lamp,
        14900,
        true,
        false,
        [
            "Stehlampe Linde, Eichenholz mit Leinenschirm",
            "Linde Floor Lamp, Oak with Linen Shade",
            "Lampadaire Linde, chêne et abat-jour en lin",
            "Lampada da terra Linde, rovere con paralume in lino",
            "Lámpara de pie Linde, roble con pantalla de lino",
        ]
    ),
    product!(
        "LL-SL-202",
        Lamp,
        18900,
        true,
        false,
        [
            "Bogenleuchte Arco Mini, Schwarz matt",
            "Arco Mini Arc Floor Lamp, Matte Black",
            "Lampadaire arc Arco Mini, noir mat",
            "Lampada ad arco Arco Mini, nero opaco",
            "Lámpara de arco Arco Mini, negro mate",
        ]
    ),
    product!(
        "LL-PL-301",
        Lamp,
        7990,
        true,
        false,
        [
            "Pendelleuchte Rattan, Ø 45 cm",
            "Rattan Pendant Light, 45 cm",
            "Suspension en rotin, Ø 45 cm",
            "Lampada a sospensione in rattan, Ø 45 cm",
            "Lámpara colgante de ratán, Ø 45 cm",
        ]
    ),
    product!(
        "LL-PL-302",
        Lamp,
        12900,
        true,
        false,
        [
            "Pendelleuchte Opal, Glas, 3-flammig",
            "Opal Glass Pendant Light, 3 Lights",
            "Suspension Opal en verre, 3 lumières",
            "Lampadario Opal in vetro, 3 luci",
            "Lámpara colgante Opal de cristal, 3 luces",
        ]
    ),
    product!(
        "LL-WL-401",
        Lamp,
        5990,
        true,
        false,
        [
            "Wandleuchte Fjord, Messing gebürstet",
            "Fjord Wall Light, Brushed Brass",
            "Applique murale Fjord, laiton brossé",
            "Applique Fjord, ottone spazzolato",
            "Aplique de pared Fjord, latón cepillado",
        ]
    ),
    product!(
        "LL-WL-402",
        Lamp,
        7490,
        true,
        false,
        [
            "Leseleuchte Arm, schwenkbar, mit USB-Port",
            "Swing-Arm Reading Wall Light with USB Port",
            "Liseuse murale orientable avec port USB",
            "Lampada da lettura a parete orientabile con porta USB",
            "Lámpara de lectura de pared orientable con puerto USB",
        ]
    ),
    product!(
        "LL-DL-501",
        Lamp,
        6990,
        true,
        false,
        [
            "Deckenleuchte Halo LED, 24 W, dimmbar",
            "Halo LED Ceiling Light, 24 W, Dimmable",
            "Plafonnier LED Halo, 24 W, dimmable",
            "Plafoniera LED Halo, 24 W, dimmerabile",
            "Plafón LED Halo, 24 W, regulable",
        ]
    ),
    product!(
        "LL-AL-601",
        Lamp,
        4990,
        false,
        false,
        [
            "Akku-Tischleuchte Lumi, kabellos, für innen und außen",
            "Lumi Cordless Table Lamp, Rechargeable, Indoor/Outdoor",
            "Lampe de table sans fil Lumi, rechargeable, intérieur/extérieur",
            "Lampada da tavolo senza fili Lumi, ricaricabile, per interni ed esterni",
            "Lámpara de mesa inalámbrica Lumi, recargable, interior/exterior",
        ]
    ),
    product!(
        "LL-GL-701",
        Lamp,
        3490,
        false,
        true,
        [
            "Solar-Gartenleuchte Stella, 4er-Set",
            "Stella Solar Garden Lights, Set of 4",
            "Lampes solaires de jardin Stella, lot de 4",
            "Lampade solari da giardino Stella, set da 4",
            "Lámparas solares de jardín Stella, pack de 4",
        ]
    ),
    product!(
        "LL-LK-801",
        Lamp,
        2490,
        false,
        true,
        [
            "Lichterkette Glühwürmchen, 10 m, 100 LEDs",
            "Firefly String Lights, 10 m, 100 LEDs",
            "Guirlande lumineuse Luciole, 10 m, 100 LED",
            "Catena luminosa Lucciola, 10 m, 100 LED",
            "Guirnalda de luces Luciérnaga, 10 m, 100 LED",
        ]
    ),
    product!(
        "LL-LM-901",
        Bulb,
        1990,
        false,
        true,
        [
            "LED-Filament-Leuchtmittel E27, 2700 K, 3er-Pack",
            "LED Filament Bulbs E27, 2700 K, Pack of 3",
            "Ampoules LED à filament E27, 2700 K, lot de 3",
            "Lampadine LED a filamento E27, 2700 K, confezione da 3",
            "Bombillas LED de filamento E27, 2700 K, pack de 3",
        ]
    ),
    product!(
        "LL-LM-902",
        Bulb,
        1290,
        false,
        true,
        [
            "Globe-Leuchtmittel G95, E27, Amber, dimmbar",
            "G95 Globe Bulb, E27, Amber, Dimmable",
            "Ampoule globe G95, E27, ambrée, dimmable",
            "Lampadina globo G95, E27, ambra, dimmerabile",
            "Bombilla globo G95, E27, ámbar, regulable",
        ]
    ),
    product!(
        "LL-LM-903",
        Bulb,
        2990,
        false,
        true,
        [
            "Smarte LED-Birne E27, RGB, WLAN, 2er-Pack",
            "Smart LED Bulb E27, RGB, Wi-Fi, Pack of 2",
            "Ampoule LED connectée E27, RVB, Wi-Fi, lot de 2",
            "Lampadina LED smart E27, RGB, Wi-Fi, confezione da 2",
            "Bombilla LED inteligente E27, RGB, Wi-Fi, pack de 2",
        ]
    ),
    product!(
        "LL-LM-904",
        Bulb,
        1490,
        false,
        true,
        [
            "Edison-Leuchtmittel ST64, E27, 4 W, dimmbar",
            "Edison ST64 LED Bulb, E27, 4 W, Dimmable",
            "Ampoule Edison ST64, E27, 4 W, dimmable",
            "Lampadina Edison ST64, E27, 4 W, dimmerabile",
            "Bombilla Edison ST64, E27, 4 W, regulable",
        ]
    ),
    product!(
        "LL-LS-111",
        Shade,
        2990,
        false,
        false,
        [
            "Lampenschirm Leinen, Natur, Ø 40 cm",
            "Linen Lamp Shade, Natural, 40 cm",
            "Abat-jour en lin, naturel, Ø 40 cm",
            "Paralume in lino, naturale, Ø 40 cm",
            "Pantalla de lino, natural, Ø 40 cm",
        ]
    ),
    product!(
        "LL-LS-112",
        Shade,
        2790,
        false,
        false,
        [
            "Lampenschirm Plissee, Rosé, Ø 30 cm",
            "Pleated Lamp Shade, Blush, 30 cm",
            "Abat-jour plissé, rose poudré, Ø 30 cm",
            "Paralume plissettato, rosa cipria, Ø 30 cm",
            "Pantalla plisada, rosa palo, Ø 30 cm",
        ]
    ),
    product!(
        "LL-KI-161",
        Fabric,
        2290,
        false,
        true,
        [
            "Kissenbezug Leinen, 50 × 50 cm, Terrakotta",
            "Linen Cushion Cover, 50 × 50 cm, Terracotta",
            "Housse de coussin en lin, 50 × 50 cm, terracotta",
            "Federa per cuscino in lino, 50 × 50 cm, terracotta",
            "Funda de cojín de lino, 50 × 50 cm, terracota",
        ]
    ),
    product!(
        "LL-DE-171",
        Fabric,
        6990,
        false,
        false,
        [
            "Wolldecke Fjell, 130 × 170 cm, Grau meliert",
            "Fjell Wool Throw, 130 × 170 cm, Grey Melange",
            "Plaid en laine Fjell, 130 × 170 cm, gris chiné",
            "Plaid in lana Fjell, 130 × 170 cm, grigio mélange",
            "Manta de lana Fjell, 130 × 170 cm, gris jaspeado",
        ]
    ),
    product!(
        "LL-KO-191",
        Decor,
        3290,
        false,
        false,
        [
            "Aufbewahrungskorb Seegras, 2er-Set",
            "Seagrass Storage Baskets, Set of 2",
            "Paniers de rangement en jonc de mer, lot de 2",
            "Cesti portaoggetti in alga marina, set da 2",
            "Cestas de almacenaje de junco marino, set de 2",
        ]
    ),
    product!(
        "LL-VA-121",
        Decor,
        3990,
        false,
        false,
        [
            "Vase Ondine, Keramik, Salbeigrün, 30 cm",
            "Ondine Vase, Ceramic, Sage Green, 30 cm",
            "Vase Ondine, céramique, vert sauge, 30 cm",
            "Vaso Ondine, ceramica, verde salvia, 30 cm",
            "Jarrón Ondine, cerámica, verde salvia, 30 cm",
        ]
    ),
    product!(
        "LL-VA-122",
        Decor,
        4490,
        false,
        false,
        [
            "Glasvase Bris, mundgeblasen, Rauchglas",
            "Bris Glass Vase, Hand-blown, Smoked Glass",
            "Vase Bris en verre soufflé, verre fumé",
            "Vaso Bris in vetro soffiato, vetro fumé",
            "Jarrón Bris de vidrio soplado, vidrio ahumado",
        ]
    ),
    product!(
        "LL-SP-131",
        Decor,
        9900,
        false,
        false,
        [
            "Wandspiegel Sol, rund, Ø 60 cm, Messingrahmen",
            "Sol Round Wall Mirror, 60 cm, Brass Frame",
            "Miroir mural rond Sol, Ø 60 cm, cadre laiton",
            "Specchio da parete Sol, rotondo, Ø 60 cm, cornice in ottone",
            "Espejo de pared Sol, redondo, Ø 60 cm, marco de latón",
        ]
    ),
    product!(
        "LL-KH-141",
        Decor,
        2790,
        false,
        false,
        [
            "Kerzenhalter Trio, Gusseisen, 3er-Set",
            "Trio Candle Holders, Cast Iron, Set of 3",
            "Bougeoirs Trio, fonte, lot de 3",
            "Portacandele Trio, ghisa, set da 3",
            "Portavelas Trio, hierro fundido, set de 3",
        ]
    ),
    product!(
        "LL-DK-151",
        Decor,
        1890,
        false,
        true,
        [
            "Duftkerze Lindenblüte, Sojawachs, 220 g",
            "Linden Blossom Scented Candle, Soy Wax, 220 g",
            "Bougie parfumée Fleur de tilleul, cire de soja, 220 g",
            "Candela profumata Fiori di tiglio, cera di soia, 220 g",
            "Vela aromática Flor de tilo, cera de soja, 220 g",
        ]
    ),
    product!(
        "LL-WU-181",
        Decor,
        3490,
        false,
        false,
        [
            "Wanduhr Bahnhof, Ø 30 cm, lautlos",
            "Station Wall Clock, 30 cm, Silent",
            "Horloge murale Gare, Ø 30 cm, silencieuse",
            "Orologio da parete Stazione, Ø 30 cm, silenzioso",
            "Reloj de pared Estación, Ø 30 cm, silencioso",
        ]
    ),
];

/// Relative sales of each product: lamps and bulbs sell best.
pub(crate) fn product_weights() -> &'static [u32] {
    &[
        12, 14, 8, 6, 4, 7, 4, 6, 4, 6, 8, 7, 9, 14, 8, 6, 4, 5, 3, 6, 4, 4, 5, 3, 3, 4, 6, 3,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_line_up() {
        assert_eq!(PRODUCTS.len(), product_weights().len());
        for p in PRODUCTS {
            assert!(p.titles.iter().all(|t| !t.is_empty()), "{}", p.sku);
        }
    }

    #[test]
    fn prices_look_like_prices() {
        assert_eq!(Currency::Eur.price(8990), 8990);
        assert_eq!(Currency::Gbp.price(8990) % 100, 99);
        assert_eq!(Currency::Usd.price(1290) % 100, 99);
        assert_eq!(decimal(4990), "49.90");
        assert_eq!(decimal(5), "0.05");
    }
}
