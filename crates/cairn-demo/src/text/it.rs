//! Italian.

use super::Texts;

pub(super) const TEXTS: Texts = Texts {
    months: [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    greetings: &[
        "Buongiorno,",
        "Salve,",
        "Gentili signori,",
        "Ciao,",
        "Buonasera,",
        "Spett.le Lumen & Linde,",
        "Gentile servizio clienti,",
    ],
    closings: &[
        "Cordiali saluti,\n{first} {last}",
        "Grazie mille,\n{first}",
        "Distinti saluti\n{first} {last}",
        "Saluti, {first}",
        "Grazie in anticipo\n{first} {last}",
        "Buona giornata,\n{first}",
        "In attesa di una vostra risposta,\n{first} {last}",
    ],
    phone_signature: "Inviato da iPhone",
    bodies: [
        // tracking
        &[
            "Ho ordinato \"{product}\" il {date} e non ho ancora ricevuto niente. Quando verrà spedito l'ordine?",
            "{?shipped}Dov'è il mio ordine {order}? Il tracking di {carrier} non si aggiorna da giorni.",
            "{?shipped}Potete dirmi quando arriva il pacco? Secondo {carrier} ({tracking}) è fermo da qualche parte.",
            "quando arriva il mio ordine? ho ordinato {days} giorni fa",
            "Sono {days} giorni che aspetto il mio ordine. È almeno partito?",
            "{?unshipped}C'è già un numero di tracking per l'ordine {order}? Vorrei vedere dove si trova il pacco.",
            "{?unshipped}Su Amazon risulta ancora \"non ancora spedito\". Quando parte l'articolo? Mi serve entro il fine settimana.",
        ],
        // not_received
        &[
            "{?delivered}Secondo {carrier} il pacco è stato consegnato, ma io non ho ricevuto niente. Nemmeno dai vicini.",
            "{?delivered}La spedizione {tracking} risulta consegnata, ma qui non è arrivato nessun pacco. E adesso?",
            "{?delivered}Non ho mai ricevuto \"{product}\". Il tracking dice consegnato, ma nella cassetta e davanti alla porta non c'era niente.",
            "{?lost}Il mio pacco ({carrier}, {tracking}) è in transito da più di una settimana e non si muove più. Credo sia andato perso.",
            "{?lost}L'ordine non è mai arrivato. Su {carrier} risulta \"in lavorazione\" da giorni.",
        ],
        // damaged
        &[
            "L'articolo \"{product}\" è arrivato oggi, ma {defect}. Cosa posso fare?",
            "Articolo arrivato danneggiato: {defect}. Il cartone era già schiacciato. Posso mandare delle foto.",
            "Purtroppo l'articolo \"{product}\" è difettoso, {defect}. Vorrei una sostituzione.",
            "arrivato oggi e {defect}. che rabbia",
        ],
        // wrong_item
        &[
            "Ho ordinato \"{product}\", ma nel pacco c'era un articolo completamente diverso.",
            "Nel pacco manca {part}, quindi non posso usare l'articolo.",
            "Mi avete mandato il colore sbagliato. Avevo ordinato \"{product}\" e mi è arrivato altro.",
            "articolo sbagliato!! ordine {order}",
        ],
        // return
        &[
            "Vorrei restituire \"{product}\", purtroppo non si abbina al nostro arredamento. Come funziona il reso?",
            "Come posso restituire l'ordine {order}? Mi serve un'etichetta di reso.",
            "Posso cambiare \"{product}\" con un altro colore?",
            "Voglio rimandare indietro gli articoli. Le spese di reso sono a mio carico?",
        ],
        // refund
        &[
            "Ho rispedito \"{product}\" due settimane fa ma non ho ancora ricevuto il rimborso. Quando arriva?",
            "Quando mi restituite i {amount}? Dal tracking il reso vi è arrivato da un pezzo.",
            "Vorrei un rimborso parziale perché l'articolo ha qualche graffio. In quel caso lo tengo.",
            "Che fine ha fatto il rimborso dell'ordine {order}?",
        ],
        // cancellation
        &[
            "Vi prego di annullare l'ordine {order}, ho sbagliato.",
            "Vorrei annullare l'ordine se non è ancora stato spedito.",
            "Ho ordinato due volte per errore, per favore annullatene uno.",
            "annullate per favore, non mi serve più",
        ],
        // address_change
        &[
            "Nell'ordine ho indicato il numero civico sbagliato. Quello giusto è {newaddr}. Si può ancora cambiare?",
            "Potreste cambiare l'indirizzo di consegna? Sono via per due settimane, spedite a {newaddr} per favore.",
            "Per favore consegnate a {newaddr} invece che al vecchio indirizzo, è ancora possibile?",
        ],
        // order_change
        &[
            "Posso ancora cambiare il colore nell'ordine {order}? Meglio nero che ottone.",
            "Vorrei aggiungere un secondo articolo all'ordine, così arriva tutto in un unico pacco.",
            "Posso aumentare la quantità di \"{product}\" a 2?",
        ],
        // invoice
        &[
            "Vi chiedo di inviarmi la fattura con IVA per l'ordine {order}.",
            "Mi serve una fattura intestata alla mia ditta, con partita IVA. È possibile?",
            "Dove trovo la fattura del mio ordine?",
            "Potreste emettere fattura? Mi serve per il commercialista.",
        ],
        // product_question
        &[
            "Ho una domanda su \"{product}\": {question}",
            "{question} Ho comprato \"{product}\" da voi la settimana scorsa.",
            "Una domanda veloce sul mio ordine: {question}",
        ],
        // assembly
        &[
            "Non riesco a montare \"{product}\". C'è un manuale o un video?",
            "Come si collega \"{product}\"? Ho tre fili ma solo due morsetti.",
            "Le istruzioni sono incomprensibili. Come si fissa il paralume?",
        ],
        // warranty
        &[
            "Ho comprato \"{product}\" il {date} e adesso non funziona più. È ancora in garanzia?",
            "Dopo qualche settimana {defect}. Vorrei usufruire della garanzia.",
            "Quanto dura la garanzia su \"{product}\"? È già rotto.",
        ],
        // payment
        &[
            "Mi sono stati addebitati {amount} due volte. Vi prego di rimborsare il pagamento doppio.",
            "Il pagamento non è andato a buon fine, ma i soldi sono stati comunque prelevati. L'ordine è valido?",
            "Posso pagare in un altro modo? La carta viene rifiutata.",
        ],
        // feedback
        &[
            "Ieri ho lasciato un feedback negativo perché la consegna è stata lentissima. Ora è arrivato tutto, volevo solo dirvelo.",
            "Perché la mia recensione di \"{product}\" non è stata pubblicata?",
            "Mi avete chiesto una recensione. Sinceramente non sono soddisfatto e preferivo dirvelo prima.",
        ],
        // complaint
        &[
            "Sono davvero insoddisfatto del vostro servizio. Ho scritto più volte senza mai ricevere una risposta seria.",
            "Mai vista una cosa del genere. Qualità scarsa, consegna lenta e nessuno risponde.",
            "Voglio lamentarmi dell'imballaggio: il pacco era fradicio e il contenuto pure.",
        ],
        // other
        &[
            "Avete uno showroom dove vedere le lampade?",
            "Lavorate con architetti d'interni? Ci servirebbero 20 pezzi di \"{product}\" per un ufficio.",
            "Vi prego di cancellarmi dalla newsletter.",
            "Vendete buoni regalo?",
        ],
    ],
    presale: &[
        "Sono interessato a \"{product}\". {question}",
        "{question} E quanto ci mette la spedizione a {city}?",
        "\"{product}\" è disponibile? Mi servirebbe entro la settimana prossima.",
        "Esiste \"{product}\" anche in un altro colore?",
        "prima di ordinare: {question}",
    ],
    also: &[
        "Inoltre,",
        "Un'altra domanda:",
        "E poi:",
        "Ah, e",
        "Seconda cosa:",
    ],
    frustration: &[
        "È davvero frustrante!",
        "Sono molto deluso.",
        "Non ne posso più!!",
        "È inaccettabile.",
        "Sto aspettando da troppo tempo.",
        "Incredibile, davvero.",
    ],
    threats: [
        &[
            "Se non ricevo risposta entro domani lascerò un feedback negativo.",
            "Altrimenti vi do una stella.",
        ],
        &[
            "Altrimenti aprirò un reclamo con la Garanzia dalla A alla Z di Amazon.",
            "Se non si risolve apro una richiesta di rimborso dalla A alla Z.",
        ],
        &[
            "Altrimenti chiederò lo storno alla mia banca.",
            "Altrimenti apro una contestazione su PayPal e chiedo il chargeback.",
        ],
        &[
            "Altrimenti mi rivolgerò al mio avvocato.",
            "Se continua così procederò per vie legali.",
        ],
    ],
    repeat_intro: &[
        "Vi ho già scritto {via} {when}, ma non ho ricevuto risposta.",
        "Secondo tentativo, il mio messaggio {via} sembra essere andato perso.",
        "Vi riscrivo perché nessuno mi risponde.",
        "Come già scritto {via}:",
    ],
    order_mention: &[
        "Si tratta del mio ordine {order}.",
        "Numero d'ordine: {order}",
        "(ordine {order})",
        "Il mio numero d'ordine è {order}.",
    ],
    followup_thanks: &[
        "{?delivered}Grazie, il pacco è arrivato oggi!",
        "Perfetto, grazie per l'aiuto veloce.",
        "Grazie, ha funzionato.",
        "Tutto chiaro, grazie mille!",
    ],
    followup_still: &[
        "{?undelivered}Il pacco non è ancora arrivato. Comincio a perdere la pazienza.",
        "Questo non mi aiuta molto.",
        "Ancora nessuna notizia. Cosa sta succedendo?",
        "Non è cambiato niente, il problema c'è ancora.",
    ],
    when: ["oggi", "ieri", "{n} giorni fa"],
    via: [
        "su Amazon",
        "su eBay",
        "tramite Walmart",
        "tramite il modulo di contatto",
        "via e-mail",
    ],
    subj_amazon: &[
        "Domanda sull'ordine {order}",
        "Richiesta dal cliente Amazon {first} (Ordine: {order})",
        "Domanda su spedizione o consegna (Ordine: {order})",
        "Richiesta di reso per l'ordine {order}",
    ],
    subj_amazon_presale: &[
        "Domanda sull'articolo \"{product}\"",
        "Richiesta di informazioni dal cliente Amazon {first}",
    ],
    subj_ebay: &[
        "Domanda sull'oggetto n. {item}: {product}",
        "{user} ha una domanda sul tuo oggetto n. {item}",
        "Messaggio da {user} sull'ordine {order}",
    ],
    subj_email: &[
        "{topic}",
        "{topic} - ordine {order}",
        "Ordine {order}",
        "{topic}!!",
        "Richiesta",
    ],
    topics: [
        "Dov'è il mio ordine?",
        "Pacco non ricevuto",
        "Articolo danneggiato",
        "Articolo sbagliato",
        "Reso",
        "Rimborso",
        "Annullamento",
        "Cambio indirizzo",
        "Modifica ordine",
        "Fattura",
        "Domanda sul prodotto",
        "Montaggio",
        "Garanzia",
        "Pagamento",
        "Recensione",
        "Reclamo",
        "Richiesta",
    ],
    reply_prefix: "R: ",
    amazon_frame: [
        "Hai ricevuto un messaggio dal cliente Amazon {first}:",
        "------------- Inizio messaggio -------------",
        "------------- Fine messaggio -------------",
    ],
    contact_form: [
        "[Lumen & Linde] Nuovo messaggio del cliente",
        "Hai ricevuto un nuovo messaggio dal modulo di contatto del tuo negozio online.",
        "Nome",
        "E-mail",
        "Numero di telefono",
        "Commento",
    ],
    quote_header: "Il giorno {date} {from} ha scritto:",
    defects: [
        &[
            "la lampada sfarfalla di continuo",
            "la lampada non si accende proprio",
            "l'interruttore è rotto",
            "la base è storta e traballa",
        ],
        &[
            "due lampadine sono rotte",
            "la lampadina sfarfalla quando la abbasso",
            "ronza forte",
        ],
        &[
            "il paralume è ammaccato",
            "il tessuto è strappato",
            "l'anello è piegato",
        ],
        &[
            "il pezzo è rotto in più parti",
            "c'è una grossa crepa sul bordo",
            "la superficie è tutta graffiata",
        ],
        &[
            "c'è un buco nel tessuto",
            "ci sono delle macchie",
            "la cucitura si è aperta",
        ],
    ],
    parts: [
        &[
            "il cavo di alimentazione",
            "le viti di montaggio",
            "il paralume",
            "il supporto",
        ],
        &["una delle lampadine", "il telecomando", "il manuale"],
        &[
            "l'anello riduttore",
            "il supporto del paralume",
            "il manuale",
        ],
        &[
            "un pezzo del set",
            "il materiale di fissaggio",
            "la bolla di consegna",
        ],
        &["una delle federe", "l'imbottitura", "la bolla di consegna"],
    ],
    questions: [
        &[
            "Che lampadine ci vanno?",
            "La lampada è dimmerabile?",
            "Quanto è lungo il cavo?",
            "Si può usare in bagno?",
        ],
        &[
            "Vanno bene per un attacco E14?",
            "Funzionano con un normale dimmer?",
            "Che temperatura di colore hanno esattamente?",
        ],
        &[
            "Il paralume va bene per un attacco E27?",
            "Quanto è alto il paralume?",
            "Il tessuto lascia passare molta luce?",
        ],
        &[
            "Quanto pesa?",
            "È fatto a mano?",
            "Potete fare una confezione regalo?",
        ],
        &[
            "Si può lavare a 40 gradi?",
            "È puro lino o pura lana?",
            "Perde molti pelucchi?",
        ],
    ],
    question_answers: [
        &[
            "La lampada accetta tutte le lampadine con attacco E27 fino a 60 W; le LED a luce calda 2700 K sono l'ideale.",
            "La lampada è dimmerabile con qualsiasi dimmer a taglio di fase discendente, purché si usi una lampadina LED dimmerabile.",
            "Il cavo in tessuto è lungo 1,8 m.",
            "Purtroppo la lampada non è adatta al bagno (IP20).",
        ],
        &[
            "Le lampadine hanno attacco E27; per l'E14 possiamo aggiungere gratis un adattatore.",
            "Sono compatibili con i dimmer a taglio di fase discendente; con dimmer più vecchi può esserci un leggero sfarfallio.",
            "La luce è bianca calda a 2700 K, molto simile a una lampadina tradizionale.",
        ],
        &[
            "Il paralume ha un anello riduttore E27/E14 e si adatta alla maggior parte dei portalampada.",
            "Il paralume è alto 28 cm; il diametro è indicato nel nome dell'articolo.",
            "Il tessuto è leggermente traslucido e dà una luce calda e soffusa.",
        ],
        &[
            "Pesa circa 1,2 kg.",
            "Sì, ogni pezzo è fatto a mano ed è quindi unico.",
            "Volentieri, lo avvolgiamo in carta velina e, se vuole, aggiungiamo un biglietto d'auguri.",
        ],
        &[
            "Il tessuto si lava a 30 gradi con programma delicato; niente asciugatrice per favore.",
            "Sì, è fibra naturale al 100%, senza misti.",
            "All'inizio si può staccare qualche fibra; passa dopo il primo lavaggio.",
        ],
    ],
    salut: ["Gentile Sig.ra", "Gentile Sig."],
    ans_greet: &["{salut} {last},", "Buongiorno {first},", "Ciao {first},"],
    ans_thanks: &[
        "grazie per il suo messaggio.",
        "grazie per averci contattato.",
        "la ringraziamo per la sua richiesta.",
    ],
    ans_sorry: &[
        "Ci dispiace davvero per il disagio e comprendiamo bene il suo fastidio.",
        "Prima di tutto, accetti le nostre sincere scuse: non sarebbe dovuto succedere.",
    ],
    ans: [
        // tracking
        &[
            "{?shipped}Il suo ordine {order} è stato spedito il {shipdate} con {carrier}. Il numero di tracking è {tracking}. Secondo {carrier} la consegna è prevista per il {eta}.{link}",
            "{?shipped}Il suo pacco è in viaggio: {carrier}, tracking {tracking}, spedito il {shipdate}. La consegna è annunciata per il {eta}.{link}",
            "{?unshipped}Il suo ordine {order} viene preparato oggi e parte domani con {carrier}; prevediamo la consegna il {eta}. Riceverà il numero di tracking automaticamente alla spedizione.",
        ],
        // not_received
        &[
            "{?delivered}Secondo {carrier} la spedizione {tracking} è stata consegnata il {deldate}. Può controllare presso i vicini o in un eventuale punto di deposito? Abbiamo già aperto una verifica con {carrier}; se il pacco non salta fuori entro il {deadline}, le spediamo gratuitamente un sostituto.",
            "{?undelivered}La sua spedizione {tracking} non ha aggiornamenti da {carrier} da diversi giorni. Abbiamo aperto una verifica e le spediamo oggi stesso un sostituto gratuito.",
            "{?unshipped}Purtroppo il suo ordine {order} non ha ancora lasciato il magazzino. Parte oggi con {carrier} e dovrebbe arrivare il {eta}.",
        ],
        // damaged
        &[
            "Ci dispiace che l'articolo sia arrivato danneggiato. Le spediamo oggi stesso un sostituto gratuito; non serve restituire l'articolo rovinato.",
            "Che seccatura, ci scusi. Può scegliere: le mandiamo subito un articolo nuovo oppure le rimborsiamo {amount}. L'articolo danneggiato può smaltirlo.",
        ],
        // wrong_item
        &[
            "Ci scusi per l'errore nella preparazione. Le spediamo oggi gratuitamente l'articolo giusto; quello sbagliato può tenerlo.",
            "Qualcosa è andato storto da parte nostra. Il pezzo mancante parte oggi per posta e arriverà in due o tre giorni lavorativi.",
        ],
        // return
        &[
            "{?amazon}Può avviare il reso direttamente dal suo account Amazon, in \"I miei ordini\"; l'etichetta è gratuita. Appena l'articolo ci arriva, le rimborsiamo {amount} entro due giorni lavorativi.",
            "{?notamazon}In allegato trova un'etichetta di reso gratuita. La applichi sul pacco e lo consegni a {carrier}. Appena l'articolo ci arriva, le rimborsiamo {amount} entro due giorni lavorativi.",
        ],
        // refund
        &[
            "Le abbiamo rimborsato {amount} il {refund_date}; l'ID della transazione è {refund_id}. A seconda della banca, l'importo sarà visibile entro tre-cinque giorni lavorativi.",
            "Il suo reso ci è arrivato e il rimborso di {amount} è stato disposto il {refund_date} (transazione {refund_id}).",
        ],
        // cancellation
        &[
            "{?unshipped}Abbiamo annullato il suo ordine {order}. Il rimborso di {amount} è stato disposto (transazione {refund_id}) e arriverà sul conto in pochi giorni.",
            "{?shipped}Purtroppo il suo ordine era già partito quando è arrivato il messaggio ({carrier}, tracking {tracking}). Può semplicemente rifiutare il pacco; appena torna da noi le rimborsiamo {amount}.",
        ],
        // address_change
        &[
            "{?unshipped}Abbiamo modificato l'indirizzo di consegna dell'ordine {order}; il pacco andrà a {newaddr}.",
            "{?shipped}Il pacco è purtroppo già in viaggio ({carrier}, tracking {tracking}). Può chiedere online a {carrier} di deviarlo al nuovo indirizzo.",
        ],
        // order_change
        &[
            "{?unshipped}Abbiamo modificato l'ordine {order} come richiesto; parte domani.",
            "{?shipped}Purtroppo l'ordine era già stato spedito. Potrà cambiare l'articolo gratuitamente dopo averlo ricevuto.",
        ],
        // invoice
        &[
            "{?amazon}Abbiamo caricato la fattura dell'ordine {order} nel suo account Amazon, in \"I miei ordini\".",
            "{?notamazon}In allegato trova la fattura con IVA del suo ordine {order}.",
        ],
        // product_question
        &["{answer_q}", "Volentieri: {answer_q}"],
        // assembly
        &[
            "Ecco come procedere: fissi prima la staffa con le viti in dotazione, poi colleghi i fili (marrone a L, blu a N, giallo-verde a terra) e monti il paralume per ultimo. Stacchi prima la corrente dal quadro.",
            "Le abbiamo allegato le istruzioni passo passo. L'importante è montare il paralume alla fine, altrimenti l'anello non si stringe.",
        ],
        // warranty
        &[
            "I nostri articoli hanno due anni di garanzia, quindi il suo acquisto del {date} è coperto. Le spediamo gratuitamente un sostituto; non serve restituire quello difettoso.",
        ],
        // payment
        &[
            "Abbiamo verificato: l'ordine {order} è stato addebitato una sola volta. La seconda voce è una preautorizzazione della banca che sparirà da sola in pochi giorni.",
            "Ha ragione, l'importo è stato addebitato due volte. Le abbiamo rimborsato {amount} il {refund_date}, transazione {refund_id}.",
        ],
        // feedback
        &[
            "Grazie per il suo riscontro sincero. Ci dispiace che non sia rimasto soddisfatto; abbiamo girato le sue osservazioni al magazzino perché non succeda più.",
        ],
        // complaint
        &[
            "Ci dispiace sinceramente di averla delusa; non è il servizio che vogliamo offrire. Come scusa le abbiamo rimborsato il 10% del prezzo.",
        ],
        // other
        &[
            "Abbiamo inoltrato la sua richiesta alla collega competente, che la ricontatterà entro domani.",
            "Certo, fatto!",
        ],
    ],
    ans_courtesy: &[
        "le abbiamo già risposto in dettaglio {via} riguardo all'ordine {order}; lì trova tutte le informazioni. Per semplicità proseguiamo la conversazione lì.",
        "abbiamo già risposto alla sua richiesta sull'ordine {order} {via}. La preghiamo di consultare quella risposta; stiamo seguendo il caso.",
    ],
    ans_close: &[
        "Cordiali saluti,\n{agent}\nServizio clienti Lumen & Linde",
        "Un caro saluto,\n{agent} di Lumen & Linde",
        "Buona giornata,\n{agent}\nIl team di Lumen & Linde",
    ],
    link: " Può seguirlo qui: {url}",
};
