//! German.

use super::Texts;

pub(super) const TEXTS: Texts = Texts {
    months: [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    greetings: &[
        "Hallo,",
        "Guten Tag,",
        "Sehr geehrte Damen und Herren,",
        "Hallo zusammen,",
        "Hi,",
        "Moin,",
        "Guten Morgen,",
        "Liebes Lumen & Linde Team,",
        "Servus,",
        "Hallo Lumen & Linde,",
    ],
    closings: &[
        "Viele Grüße\n{first} {last}",
        "Mit freundlichen Grüßen\n{first} {last}",
        "MfG {last}",
        "LG {first}",
        "Danke im Voraus!\n{first}",
        "Gruß\n{first}",
        "Beste Grüße, {first} {last}",
        "Vielen Dank und viele Grüße\n{first} {last}",
    ],
    phone_signature: "Von meinem iPhone gesendet",
    bodies: [
        // tracking
        &[
            "Ich habe am {date} „{product}“ bestellt und bis heute nichts bekommen. Wann wird die Bestellung verschickt?",
            "{?shipped}Wo bleibt meine Bestellung {order}? Die Sendungsverfolgung bei {carrier} zeigt seit Tagen keinen neuen Status.",
            "{?shipped}Können Sie mir sagen, wann mein Paket ankommt? Laut {carrier} ({tracking}) hängt es irgendwo fest.",
            "wann kommt meine bestellung? hab vor {days} tagen bestellt",
            "Ich warte jetzt seit {days} Tagen auf meine Bestellung. Ist die überhaupt schon raus?",
            "{?unshipped}Gibt es schon eine Sendungsnummer für meine Bestellung {order}? Ich würde gern sehen, wo das Paket gerade ist.",
            "{?unshipped}Bei Amazon steht immer noch „noch nicht versandt“. Wann geht der Artikel raus? Ich brauche ihn bis zum Wochenende.",
        ],
        // not_received
        &[
            "{?delivered}Laut {carrier} wurde mein Paket zugestellt, aber ich habe nichts erhalten. Auch bei den Nachbarn ist nichts abgegeben worden.",
            "{?delivered}Die Sendung {tracking} steht als zugestellt, bei mir ist aber kein Paket angekommen. Was nun?",
            "{?delivered}Ich habe „{product}“ nie bekommen. Die Sendungsverfolgung sagt zugestellt, im Briefkasten und vor der Tür war aber nichts.",
            "{?lost}Mein Paket ({carrier}, {tracking}) ist seit über einer Woche unterwegs und bewegt sich nicht mehr. Ich glaube, das ist verloren gegangen.",
            "{?lost}Die Bestellung ist nie angekommen. Bei {carrier} steht seit Tagen „Sendung wird bearbeitet“.",
        ],
        // damaged
        &[
            "Der Artikel „{product}“ ist heute angekommen, aber {defect}. Was kann ich tun?",
            "Ware beschädigt angekommen: {defect}. Der Karton war schon eingedrückt. Fotos kann ich gerne schicken.",
            "Leider ist „{product}“ defekt – {defect}. Ich hätte gern Ersatz.",
            "hab die lieferung heute bekommen und {defect}. echt ärgerlich",
        ],
        // wrong_item
        &[
            "Ich habe „{product}“ bestellt, im Paket war aber ein ganz anderer Artikel.",
            "Im Paket fehlt {part}. So kann ich den Artikel nicht benutzen.",
            "Sie haben mir die falsche Farbe geschickt. Bestellt war „{product}“, gekommen ist etwas anderes.",
            "falscher artikel geliefert!! bestellnummer {order}",
        ],
        // return
        &[
            "Ich möchte „{product}“ zurückschicken, das passt leider nicht zu unserer Einrichtung. Wie funktioniert die Rücksendung?",
            "Wie kann ich meine Bestellung {order} zurückgeben? Ich brauche ein Rücksendeetikett.",
            "Kann ich „{product}“ gegen eine andere Farbe umtauschen?",
            "Ich will die Sachen zurückgeben. Muss ich den Rückversand selbst bezahlen?",
        ],
        // refund
        &[
            "Ich habe „{product}“ vor zwei Wochen zurückgeschickt, aber noch kein Geld zurückbekommen. Wann wird erstattet?",
            "Wann bekomme ich meine {amount} zurück? Die Rücksendung ist laut Sendungsverfolgung längst bei Ihnen.",
            "Ich hätte gern eine Teilerstattung, weil der Artikel kleine Kratzer hat. Behalten würde ich ihn dann.",
            "Wo bleibt meine Rückerstattung für die Bestellung {order}?",
        ],
        // cancellation
        &[
            "Bitte stornieren Sie meine Bestellung {order}, ich habe mich vertan.",
            "Ich möchte die Bestellung stornieren, falls sie noch nicht verschickt ist.",
            "Habe aus Versehen zweimal bestellt, bitte eine davon stornieren.",
            "storno bitte, brauche das doch nicht mehr",
        ],
        // address_change
        &[
            "Ich habe bei der Bestellung eine falsche Hausnummer angegeben. Richtig ist {newaddr}. Können Sie das noch ändern?",
            "Könnten Sie die Lieferadresse noch ändern? Ich bin die nächsten zwei Wochen nicht zu Hause, bitte an {newaddr} schicken.",
            "Bitte liefern Sie an {newaddr} statt an meine alte Adresse, geht das noch?",
        ],
        // order_change
        &[
            "Kann ich bei meiner Bestellung {order} noch die Farbe ändern? Lieber Schwarz statt Messing.",
            "Ich würde gern noch einen zweiten Artikel zu der Bestellung hinzufügen, damit alles in einem Paket kommt.",
            "Kann ich bei „{product}“ die Menge noch auf 2 erhöhen?",
        ],
        // invoice
        &[
            "Bitte schicken Sie mir eine Rechnung mit ausgewiesener Mehrwertsteuer für die Bestellung {order}.",
            "Ich brauche für meine Firma eine Rechnung auf den Firmennamen. Geht das?",
            "Wo finde ich die Rechnung zu meiner Bestellung?",
            "Könnten Sie mir bitte eine Rechnung ausstellen? Ich brauche sie für die Steuer.",
        ],
        // product_question
        &[
            "Ich habe eine Frage zu „{product}“: {question}",
            "{question} Ich habe „{product}“ letzte Woche bei Ihnen gekauft.",
            "Kurze Frage zu meiner Bestellung: {question}",
        ],
        // assembly
        &[
            "Ich bekomme „{product}“ nicht zusammengebaut. Gibt es eine Anleitung oder ein Video?",
            "Wie schließe ich „{product}“ an? Ich habe drei Kabel, aber nur zwei Klemmen.",
            "Die Anleitung ist nur auf Englisch und ziemlich unverständlich. Wie befestige ich den Schirm?",
        ],
        // warranty
        &[
            "„{product}“ habe ich am {date} gekauft und jetzt funktioniert es nicht mehr. Ist das noch Garantie?",
            "Nach ein paar Wochen {defect}. Ich möchte das über die Gewährleistung abwickeln.",
            "Wie lange ist die Garantie auf „{product}“? Ist jetzt schon kaputt.",
        ],
        // payment
        &[
            "Mir wurde der Betrag von {amount} zweimal abgebucht. Bitte erstatten Sie die doppelte Zahlung.",
            "Die Zahlung ist fehlgeschlagen, aber das Geld ist trotzdem von meinem Konto weg. Ist die Bestellung jetzt gültig?",
            "Kann ich auch auf Rechnung bezahlen? Die Kartenzahlung klappt bei mir nicht.",
        ],
        // feedback
        &[
            "Ich habe gestern eine negative Bewertung abgegeben, weil die Lieferung so lange gedauert hat. Jetzt ist alles da, das wollte ich nur sagen.",
            "Warum wurde meine Bewertung zu „{product}“ nicht veröffentlicht?",
            "Sie haben mich um eine Bewertung gebeten. Ehrlich gesagt bin ich nicht zufrieden, und das möchte ich Ihnen vorher sagen.",
        ],
        // complaint
        &[
            "Ich bin mit Ihrem Service wirklich unzufrieden. Ich habe mehrfach nachgefragt und nie eine richtige Antwort bekommen.",
            "So etwas habe ich noch nicht erlebt. Qualität schlecht, Lieferung langsam, und keiner meldet sich.",
            "Ich möchte mich über den Versand beschweren: Das Paket war völlig durchnässt und der Inhalt sieht entsprechend aus.",
        ],
        // other
        &[
            "Haben Sie auch ein Ladengeschäft, in dem man die Lampen ansehen kann?",
            "Arbeiten Sie auch mit Innenarchitekten zusammen? Wir bräuchten 20 Stück von „{product}“ für ein Büro.",
            "Bitte tragen Sie mich aus Ihrem Newsletter aus.",
            "Verkaufen Sie auch Gutscheine? Ich würde gern einen verschenken.",
        ],
    ],
    presale: &[
        "Ich interessiere mich für „{product}“. {question}",
        "{question} Und wie lange dauert die Lieferung nach {city}?",
        "Ist „{product}“ noch vorrätig? Ich bräuchte es bis nächste Woche.",
        "Gibt es „{product}“ auch in einer anderen Farbe?",
        "bevor ich bestelle: {question}",
    ],
    also: &[
        "Außerdem:",
        "Und noch eine Frage:",
        "Noch was:",
        "Ach ja, und:",
        "Zweitens:",
    ],
    frustration: &[
        "Das ist jetzt echt ärgerlich!",
        "Ich bin wirklich enttäuscht.",
        "Langsam reicht es mir!!",
        "So geht das nicht weiter.",
        "Ich warte jetzt schon viel zu lange.",
        "Unglaublich, ehrlich.",
    ],
    threats: [
        &[
            "Wenn ich bis morgen nichts höre, gibt es eine negative Bewertung.",
            "Sonst bewerte ich Sie mit einem Stern.",
        ],
        &[
            "Andernfalls stelle ich einen A-bis-z-Garantieantrag bei Amazon.",
            "Wenn das nicht geklärt wird, melde ich den Fall über die A-bis-z-Garantie.",
        ],
        &[
            "Sonst buche ich das Geld über meine Bank zurück.",
            "Ansonsten eröffne ich einen Käuferschutzfall bei PayPal und lasse die Zahlung zurückbuchen.",
        ],
        &[
            "Ich werde sonst meinen Anwalt einschalten.",
            "Wenn das so weitergeht, gehe ich zur Verbraucherzentrale und leite notfalls rechtliche Schritte ein.",
        ],
    ],
    repeat_intro: &[
        "Ich habe Ihnen bereits {when} {via} geschrieben, aber noch keine Antwort bekommen.",
        "Zweiter Versuch, meine Nachricht {via} ist anscheinend untergegangen.",
        "Ich schreibe jetzt noch einmal, weil sich niemand meldet.",
        "Wie schon {via} geschrieben:",
    ],
    order_mention: &[
        "Es geht um meine Bestellung {order}.",
        "Bestellnummer: {order}",
        "(Bestellung {order})",
        "Meine Bestellnummer ist {order}.",
    ],
    followup_thanks: &[
        "{?delivered}Vielen Dank, das Paket ist heute angekommen!",
        "Super, danke für die schnelle Hilfe.",
        "Danke, hat geklappt.",
        "Alles klar, vielen Dank!",
    ],
    followup_still: &[
        "{?undelivered}Das Paket ist immer noch nicht da. Langsam werde ich ungeduldig.",
        "Das hilft mir leider nicht weiter.",
        "Ich habe immer noch nichts gehört. Was ist denn jetzt?",
        "Es hat sich leider nichts getan, das Problem besteht weiterhin.",
    ],
    when: ["heute", "gestern", "vor {n} Tagen"],
    via: [
        "über Amazon",
        "über eBay",
        "über Walmart",
        "über Ihr Kontaktformular",
        "per E-Mail",
    ],
    subj_amazon: &[
        "Frage zur Bestellung {order}",
        "Anfrage von Amazon-Kunde {first} (Bestellung: {order})",
        "Frage zu Versand oder Lieferung (Bestellung: {order})",
        "Rücksendeanfrage zur Bestellung {order}",
    ],
    subj_amazon_presale: &[
        "Frage zum Artikel {product}",
        "Produktanfrage von Amazon-Kunde {first}",
    ],
    subj_ebay: &[
        "Frage zu Artikel #{item}: {product}",
        "{user} hat eine Frage zu Ihrem Artikel #{item}",
        "Nachricht von {user} zur Bestellung {order}",
    ],
    subj_email: &[
        "{topic}",
        "{topic} – Bestellung {order}",
        "Bestellung {order}",
        "{topic}!!",
        "Anfrage",
    ],
    topics: [
        "Wo bleibt meine Bestellung?",
        "Paket nicht erhalten",
        "Ware beschädigt",
        "Falscher Artikel",
        "Rücksendung",
        "Rückerstattung",
        "Stornierung",
        "Adressänderung",
        "Änderung meiner Bestellung",
        "Rechnung",
        "Frage zum Produkt",
        "Montage",
        "Garantie",
        "Zahlung",
        "Bewertung",
        "Beschwerde",
        "Anfrage",
    ],
    reply_prefix: "AW: ",
    amazon_frame: [
        "Sie haben eine Nachricht von Amazon-Kunde {first} erhalten:",
        "------------- Beginn der Nachricht -------------",
        "------------- Ende der Nachricht -------------",
    ],
    contact_form: [
        "[Lumen & Linde] Neue Kundennachricht",
        "Du hast eine neue Kundennachricht über das Kontaktformular erhalten:",
        "Name",
        "E-Mail",
        "Telefonnummer",
        "Kommentar",
    ],
    quote_header: "Am {date} schrieb {from}:",
    defects: [
        &[
            "die Lampe flackert ständig",
            "die Lampe geht gar nicht an",
            "der Schalter ist abgebrochen",
            "der Fuß wackelt und ist verbogen",
        ],
        &[
            "zwei der Birnen sind kaputt",
            "die Birne flackert beim Dimmen",
            "es brummt laut",
        ],
        &[
            "der Schirm ist eingedellt",
            "der Stoff hat einen Riss",
            "der Ring ist verbogen",
        ],
        &[
            "das Teil ist in mehrere Stücke zerbrochen",
            "am Rand ist ein großer Riss",
            "die Oberfläche ist völlig zerkratzt",
        ],
        &[
            "der Stoff hat ein Loch",
            "da sind Flecken drauf",
            "die Naht ist aufgegangen",
        ],
    ],
    parts: [
        &[
            "das Netzkabel",
            "die Schrauben für die Montage",
            "der Lampenschirm",
            "die Halterung",
        ],
        &["eine der Birnen", "die Fernbedienung", "die Anleitung"],
        &["der Reduzierring", "die Schirmhalterung", "die Anleitung"],
        &["ein Teil aus dem Set", "das Zubehör", "der Lieferschein"],
        &["einer der Bezüge", "das Innenkissen", "der Lieferschein"],
    ],
    questions: [
        &[
            "Welche Leuchtmittel passen da rein?",
            "Ist die Lampe dimmbar?",
            "Wie lang ist das Kabel?",
            "Kann man die auch im Bad verwenden?",
        ],
        &[
            "Passen die Birnen in eine E14-Fassung?",
            "Funktionieren die mit einem normalen Dimmer?",
            "Welche Lichtfarbe haben die genau?",
        ],
        &[
            "Passt der Schirm auf eine E27-Fassung?",
            "Wie hoch ist der Schirm?",
            "Lässt der Stoff viel Licht durch?",
        ],
        &[
            "Wie schwer ist das?",
            "Ist das Stück handgemacht?",
            "Können Sie das als Geschenk verpacken?",
        ],
        &[
            "Kann man das bei 40 Grad waschen?",
            "Ist das reines Leinen bzw. reine Wolle?",
            "Fusselt das stark?",
        ],
    ],
    question_answers: [
        &[
            "In die Lampe passen alle Leuchtmittel mit E27-Sockel bis 60 Watt; am schönsten wirken warmweiße LED-Birnen mit 2700 Kelvin.",
            "Die Lampe ist mit jedem handelsüblichen Phasenabschnittdimmer dimmbar, wenn Sie ein dimmbares LED-Leuchtmittel verwenden.",
            "Das Textilkabel ist 1,8 Meter lang.",
            "Für Feuchträume wie das Bad ist die Lampe leider nicht zugelassen (Schutzart IP20).",
        ],
        &[
            "Die Birnen haben einen E27-Sockel; für E14-Fassungen gibt es einen Adapter, den wir Ihnen gern kostenlos dazulegen.",
            "Die Birnen sind mit Phasenabschnittdimmern kompatibel; bei älteren Dimmern kann es leicht flackern.",
            "Die Lichtfarbe ist warmweiß mit 2700 Kelvin, also sehr ähnlich einer klassischen Glühbirne.",
        ],
        &[
            "Der Schirm hat einen Reduzierring für E27 und E14 und passt daher auf die meisten Fassungen.",
            "Der Schirm ist 28 Zentimeter hoch; den Durchmesser finden Sie im Artikelnamen.",
            "Der Stoff ist leicht lichtdurchlässig und gibt ein warmes, gedämpftes Licht.",
        ],
        &[
            "Das Stück wiegt etwa 1,2 Kilogramm.",
            "Ja, jedes Stück wird von Hand gefertigt und ist daher ein Unikat.",
            "Gern, wir verpacken es bruchsicher in Seidenpapier und legen auf Wunsch eine Geschenkkarte bei.",
        ],
        &[
            "Der Stoff kann bei 30 Grad im Schonwaschgang gewaschen werden; bitte nicht in den Trockner.",
            "Ja, der Stoff besteht zu 100 % aus Naturfaser, ohne Beimischungen.",
            "Anfangs können sich ein paar Fasern lösen; das legt sich nach der ersten Wäsche.",
        ],
    ],
    salut: ["Frau", "Herr"],
    ans_greet: &[
        "Hallo {salut} {last},",
        "Guten Tag {salut} {last},",
        "Hallo {first} {last},",
        "Hallo {first},",
    ],
    ans_thanks: &[
        "vielen Dank für Ihre Nachricht.",
        "danke, dass Sie sich bei uns melden.",
        "vielen Dank für Ihre Anfrage.",
    ],
    ans_sorry: &[
        "Es tut uns wirklich leid, dass Sie damit Ärger hatten – wir verstehen Ihren Unmut gut.",
        "Zunächst möchten wir uns aufrichtig entschuldigen; das hätte nicht passieren dürfen.",
    ],
    ans: [
        // tracking
        &[
            "{?shipped}Ihre Bestellung {order} wurde am {shipdate} mit {carrier} verschickt. Die Sendungsnummer lautet {tracking}. Laut {carrier} wird das Paket voraussichtlich am {eta} zugestellt.{link}",
            "{?shipped}Ihr Paket ist unterwegs: {carrier}, Sendungsnummer {tracking}, verschickt am {shipdate}. Die Zustellung ist für den {eta} angekündigt.{link}",
            "{?unshipped}Ihre Bestellung {order} wird heute verpackt und geht morgen mit {carrier} an Sie raus; die Zustellung erwarten wir für den {eta}. Die Sendungsnummer bekommen Sie automatisch, sobald das Paket unterwegs ist.",
        ],
        // not_received
        &[
            "{?delivered}Laut {carrier} wurde die Sendung {tracking} am {deldate} zugestellt. Bitte schauen Sie einmal bei Ihren Nachbarn und an einem möglichen Ablageort nach. Wir haben bei {carrier} bereits einen Nachforschungsauftrag gestellt; taucht das Paket bis zum {deadline} nicht auf, schicken wir Ihnen kostenlos Ersatz.",
            "{?undelivered}Ihre Sendung {tracking} ist bei {carrier} seit mehreren Tagen ohne neuen Status. Wir haben einen Nachforschungsauftrag gestellt und schicken Ihnen heute kostenlos Ersatz, damit Sie nicht länger warten müssen.",
            "{?unshipped}Ihre Bestellung {order} hat unser Lager leider noch nicht verlassen. Sie geht heute mit {carrier} raus und ist voraussichtlich am {eta} bei Ihnen.",
        ],
        // damaged
        &[
            "Es tut uns leid, dass „{product}“ beschädigt bei Ihnen angekommen ist. Wir schicken Ihnen noch heute kostenlos Ersatz; die beschädigte Ware brauchen Sie nicht zurückzuschicken.",
            "Das ist ärgerlich, entschuldigen Sie bitte. Sie können wählen: Wir schicken Ihnen sofort einen neuen Artikel, oder wir erstatten Ihnen {amount}. Die beschädigte Ware dürfen Sie entsorgen.",
        ],
        // wrong_item
        &[
            "Entschuldigen Sie bitte den Fehler beim Packen. Wir schicken Ihnen den richtigen Artikel heute kostenlos zu; den falschen Artikel können Sie behalten.",
            "Da ist bei uns etwas schiefgelaufen. Das fehlende Teil geht heute per Post an Sie raus und ist in zwei bis drei Werktagen bei Ihnen.",
        ],
        // return
        &[
            "{?amazon}Sie können die Rücksendung direkt in Ihrem Amazon-Konto unter „Meine Bestellungen“ anmelden; das Etikett ist für Sie kostenlos. Sobald die Ware bei uns ist, erstatten wir Ihnen {amount} innerhalb von zwei Werktagen.",
            "{?notamazon}Das kostenlose Rücksendeetikett finden Sie im Anhang. Bitte kleben Sie es auf das Paket und geben Sie es bei {carrier} ab. Sobald die Ware bei uns ist, erstatten wir Ihnen {amount} innerhalb von zwei Werktagen.",
        ],
        // refund
        &[
            "Wir haben Ihnen am {refund_date} {amount} erstattet, die Transaktions-ID lautet {refund_id}. Je nach Bank ist der Betrag in drei bis fünf Werktagen auf Ihrem Konto.",
            "Ihre Rücksendung ist bei uns eingegangen und die Erstattung über {amount} wurde am {refund_date} ausgelöst (Transaktions-ID {refund_id}).",
        ],
        // cancellation
        &[
            "{?unshipped}Wir haben Ihre Bestellung {order} storniert. Die Erstattung über {amount} ist veranlasst (Transaktions-ID {refund_id}) und in wenigen Tagen auf Ihrem Konto.",
            "{?shipped}Leider war Ihre Bestellung schon unterwegs, als Ihre Nachricht kam ({carrier}, Sendungsnummer {tracking}). Sie können die Annahme einfach verweigern; sobald das Paket zurück ist, erstatten wir Ihnen {amount}.",
        ],
        // address_change
        &[
            "{?unshipped}Wir haben die Lieferadresse für Ihre Bestellung {order} geändert; das Paket geht an {newaddr}.",
            "{?shipped}Das Paket ist leider schon unterwegs ({carrier}, Sendungsnummer {tracking}). Sie können bei {carrier} online eine Umleitung an die neue Adresse beauftragen.",
        ],
        // order_change
        &[
            "{?unshipped}Wir haben Ihre Bestellung {order} wie gewünscht angepasst; sie geht morgen raus.",
            "{?shipped}Ihre Bestellung war leider schon verschickt. Sie können den Artikel nach Erhalt kostenlos umtauschen.",
        ],
        // invoice
        &[
            "{?amazon}Die Rechnung zu Ihrer Bestellung {order} haben wir in Ihrem Amazon-Konto hochgeladen; Sie finden sie unter „Meine Bestellungen“.",
            "{?notamazon}Im Anhang finden Sie die Rechnung zu Ihrer Bestellung {order} mit ausgewiesener Mehrwertsteuer.",
        ],
        // product_question
        &["{answer_q}", "Gern helfen wir weiter: {answer_q}"],
        // assembly
        &[
            "Gern erklären wir die Montage: Befestigen Sie zuerst die Halterung mit den beiliegenden Schrauben, schließen Sie dann die Kabel an (braun an L, blau an N, grün-gelb an Erde) und setzen Sie zuletzt den Schirm auf. Bitte schalten Sie vorher die Sicherung aus.",
            "Die Schritt-für-Schritt-Anleitung auf Deutsch haben wir Ihnen angehängt. Wichtig ist, dass der Schirm erst ganz zum Schluss aufgesetzt wird, sonst lässt sich der Ring nicht festziehen.",
        ],
        // warranty
        &[
            "Auf „{product}“ geben wir zwei Jahre Garantie, Ihr Kauf vom {date} ist also abgedeckt. Wir schicken Ihnen kostenlos Ersatz; das defekte Gerät brauchen Sie nicht zurückzuschicken.",
        ],
        // payment
        &[
            "Wir haben das geprüft: Ihre Bestellung {order} wurde nur einmal belastet. Die zweite Buchung ist eine Vormerkung Ihrer Bank und verschwindet in wenigen Tagen von selbst.",
            "Sie haben recht, der Betrag wurde doppelt eingezogen. Wir haben Ihnen {amount} am {refund_date} erstattet, Transaktions-ID {refund_id}.",
        ],
        // feedback
        &[
            "Vielen Dank für Ihre offene Rückmeldung. Es tut uns leid, dass Sie nicht zufrieden waren; wir haben Ihren Hinweis an unser Lager weitergegeben, damit so etwas nicht wieder passiert.",
        ],
        // complaint
        &[
            "Es tut uns aufrichtig leid, dass Sie so enttäuscht von uns sind – das ist nicht der Service, den wir bieten wollen. Als Entschuldigung haben wir Ihnen 10 % des Kaufpreises erstattet.",
        ],
        // other
        &[
            "Wir haben Ihre Anfrage an die zuständige Kollegin weitergegeben; sie meldet sich bis morgen bei Ihnen.",
            "Gern! Wir haben das für Sie erledigt.",
        ],
    ],
    ans_courtesy: &[
        "zu Ihrer Bestellung {order} haben wir Ihnen bereits {via} ausführlich geantwortet; dort finden Sie alle Details. Damit nichts doppelt läuft, führen wir den Fall dort weiter.",
        "wir haben Ihr Anliegen zur Bestellung {order} schon {via} beantwortet. Bitte schauen Sie dort nach – wir kümmern uns weiter darum.",
    ],
    ans_close: &[
        "Viele Grüße\n{agent}\nLumen & Linde Kundenservice",
        "Freundliche Grüße\n{agent} von Lumen & Linde",
        "Herzliche Grüße aus Freiburg\n{agent}\nIhr Team von Lumen & Linde",
    ],
    link: " Den aktuellen Status sehen Sie hier: {url}",
};
