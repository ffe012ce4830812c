//! French.

use super::Texts;

pub(super) const TEXTS: Texts = Texts {
    months: [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    greetings: &[
        "Bonjour,",
        "Bonjour Madame, Monsieur,",
        "Madame, Monsieur,",
        "Bonsoir,",
        "Salut,",
        "Bonjour à toute l'équipe,",
        "Bjr,",
    ],
    closings: &[
        "Cordialement,\n{first} {last}",
        "Merci d'avance,\n{first}",
        "Bien cordialement\n{first} {last}",
        "Bonne journée,\n{first}",
        "Merci, {first}",
        "Salutations,\n{last}",
        "Dans l'attente de votre réponse,\n{first} {last}",
    ],
    phone_signature: "Envoyé de mon iPhone",
    bodies: [
        // tracking
        &[
            "J'ai commandé « {product} » le {date} et je n'ai toujours rien reçu. Quand ma commande sera-t-elle expédiée ?",
            "{?shipped}Où en est ma commande {order} ? Le suivi {carrier} n'a pas bougé depuis plusieurs jours.",
            "{?shipped}Pouvez-vous me dire quand mon colis va arriver ? D'après {carrier} ({tracking}), il est bloqué quelque part.",
            "elle arrive quand ma commande ? commandé il y a {days} jours",
            "Cela fait {days} jours que j'attends ma commande. Est-elle au moins partie ?",
            "{?unshipped}Avez-vous déjà un numéro de suivi pour ma commande {order} ? J'aimerais savoir où se trouve le colis.",
            "{?unshipped}Sur Amazon c'est toujours marqué « pas encore expédié ». Quand l'article partira-t-il ? J'en ai besoin pour le week-end.",
        ],
        // not_received
        &[
            "{?delivered}Selon {carrier}, mon colis a été livré, mais je n'ai rien reçu. Rien chez les voisins non plus.",
            "{?delivered}Le colis {tracking} est indiqué comme livré, mais je n'ai rien reçu. Que faire ?",
            "{?delivered}Je n'ai jamais reçu « {product} ». Le suivi dit livré, mais il n'y avait rien dans la boîte aux lettres ni devant la porte.",
            "{?lost}Mon colis ({carrier}, {tracking}) est en transit depuis plus d'une semaine et ne bouge plus. Je pense qu'il est perdu.",
            "{?lost}La commande n'est jamais arrivée. Chez {carrier}, c'est « en cours d'acheminement » depuis des jours.",
        ],
        // damaged
        &[
            "L'article « {product} » est arrivé aujourd'hui, mais {defect}. Que puis-je faire ?",
            "Article arrivé abîmé : {defect}. Le carton était déjà écrasé. Je peux envoyer des photos.",
            "Malheureusement l'article « {product} » est défectueux, {defect}. Je voudrais un remplacement.",
            "reçu ma commande aujourd'hui et {defect}. vraiment pénible",
        ],
        // wrong_item
        &[
            "J'ai commandé « {product} », mais le colis contenait un tout autre article.",
            "Il manque {part} dans le colis, je ne peux donc pas utiliser l'article.",
            "Vous m'avez envoyé la mauvaise couleur. J'avais commandé « {product} » et j'ai reçu autre chose.",
            "mauvais article livré !! commande {order}",
        ],
        // return
        &[
            "Je voudrais retourner « {product} », ça ne va pas avec notre intérieur. Comment se passe le retour ?",
            "Comment puis-je retourner ma commande {order} ? J'ai besoin d'une étiquette de retour.",
            "Puis-je échanger « {product} » contre une autre couleur ?",
            "Je veux renvoyer les articles. Les frais de retour sont-ils à ma charge ?",
        ],
        // refund
        &[
            "J'ai renvoyé « {product} » il y a deux semaines mais je n'ai toujours pas été remboursé. Quand le remboursement sera-t-il fait ?",
            "Quand vais-je récupérer mes {amount} ? D'après le suivi, le retour vous est parvenu depuis longtemps.",
            "Je souhaiterais un remboursement partiel car l'article a quelques rayures. Dans ce cas je le garde.",
            "Où en est mon remboursement pour la commande {order} ?",
        ],
        // cancellation
        &[
            "Merci d'annuler ma commande {order}, je me suis trompé.",
            "Je souhaite annuler la commande si elle n'est pas encore partie.",
            "J'ai commandé deux fois par erreur, merci d'en annuler une.",
            "annulation svp, je n'en ai plus besoin",
        ],
        // address_change
        &[
            "J'ai indiqué un mauvais numéro de rue dans la commande. La bonne adresse est {newaddr}. Pouvez-vous encore la modifier ?",
            "Pourriez-vous changer l'adresse de livraison ? Je suis absent deux semaines, merci d'envoyer à {newaddr}.",
            "Merci de livrer à {newaddr} au lieu de mon ancienne adresse, est-ce encore possible ?",
        ],
        // order_change
        &[
            "Puis-je encore changer la couleur de ma commande {order} ? Plutôt noir que laiton.",
            "J'aimerais ajouter un deuxième article à ma commande pour que tout arrive dans le même colis.",
            "Puis-je passer la quantité de « {product} » à 2 ?",
        ],
        // invoice
        &[
            "Merci de m'envoyer une facture avec TVA pour la commande {order}.",
            "J'ai besoin d'une facture au nom de mon entreprise. Est-ce possible ?",
            "Où puis-je trouver la facture de ma commande ?",
            "Pourriez-vous m'établir une facture ? J'en ai besoin pour ma comptabilité.",
        ],
        // product_question
        &[
            "J'ai une question sur « {product} » : {question}",
            "{question} J'ai acheté « {product} » chez vous la semaine dernière.",
            "Petite question sur ma commande : {question}",
        ],
        // assembly
        &[
            "Je n'arrive pas à monter « {product} ». Existe-t-il une notice ou une vidéo ?",
            "Comment brancher « {product} » ? J'ai trois fils mais seulement deux bornes.",
            "La notice est incompréhensible. Comment fixer l'abat-jour ?",
        ],
        // warranty
        &[
            "J'ai acheté « {product} » le {date} et ça ne fonctionne plus. Est-ce encore sous garantie ?",
            "Au bout de quelques semaines {defect}. Je voudrais faire jouer la garantie.",
            "Quelle est la durée de garantie de « {product} » ? C'est déjà en panne.",
        ],
        // payment
        &[
            "J'ai été débité deux fois de {amount}. Merci de rembourser le paiement en double.",
            "Le paiement a échoué, mais l'argent a quand même quitté mon compte. La commande est-elle valide ?",
            "Puis-je payer autrement ? Ma carte est refusée.",
        ],
        // feedback
        &[
            "J'ai laissé un avis négatif hier parce que la livraison a pris trop de temps. Tout est arrivé maintenant, je voulais juste vous le dire.",
            "Pourquoi mon avis sur « {product} » n'a-t-il pas été publié ?",
            "Vous m'avez demandé de laisser un avis. Honnêtement je ne suis pas satisfait, et je préférais vous le dire d'abord.",
        ],
        // complaint
        &[
            "Je suis très mécontent de votre service. J'ai relancé plusieurs fois sans jamais obtenir de vraie réponse.",
            "Je n'ai jamais vu ça. Qualité médiocre, livraison lente et personne ne répond.",
            "Je souhaite me plaindre de l'emballage : le colis était trempé et son contenu aussi.",
        ],
        // other
        &[
            "Avez-vous un showroom où l'on peut voir les lampes ?",
            "Travaillez-vous avec des architectes d'intérieur ? Il nous faudrait 20 exemplaires de « {product} » pour un bureau.",
            "Merci de me désinscrire de votre newsletter.",
            "Vendez-vous des cartes cadeaux ?",
        ],
    ],
    presale: &[
        "Je suis intéressé par « {product} ». {question}",
        "{question} Et combien de temps prend la livraison à {city} ?",
        "Avez-vous « {product} » en stock ? J'en aurais besoin pour la semaine prochaine.",
        "Est-ce que « {product} » existe dans une autre couleur ?",
        "avant de commander : {question}",
    ],
    also: &[
        "Par ailleurs,",
        "Autre question :",
        "Et aussi :",
        "Ah et",
        "Deuxièmement,",
    ],
    frustration: &[
        "C'est vraiment agaçant !",
        "Je suis très déçu.",
        "J'en ai assez !!",
        "C'est inadmissible.",
        "J'attends depuis beaucoup trop longtemps.",
        "Franchement incroyable.",
    ],
    threats: [
        &[
            "Sans réponse d'ici demain, je laisserai une évaluation négative.",
            "Sinon je vous mets une étoile.",
        ],
        &[
            "Sinon je déposerai une réclamation au titre de la garantie A à Z d'Amazon.",
            "Si ce n'est pas réglé, j'ouvre une réclamation A à Z.",
        ],
        &[
            "Sinon je ferai opposition auprès de ma banque.",
            "Sinon j'ouvre un litige PayPal et je demande un remboursement forcé.",
        ],
        &[
            "Sinon je contacterai mon avocat.",
            "Si cela continue, j'engagerai une procédure judiciaire.",
        ],
    ],
    repeat_intro: &[
        "Je vous ai déjà écrit {via} {when}, mais je n'ai pas eu de réponse.",
        "Deuxième tentative, mon message {via} semble être passé à la trappe.",
        "Je vous réécris car personne ne me répond.",
        "Comme déjà indiqué {via} :",
    ],
    order_mention: &[
        "Il s'agit de ma commande {order}.",
        "Numéro de commande : {order}",
        "(commande {order})",
        "Mon numéro de commande est {order}.",
    ],
    followup_thanks: &[
        "{?delivered}Merci, le colis est arrivé aujourd'hui !",
        "Super, merci pour votre aide rapide.",
        "Merci, ça a marché.",
        "Parfait, merci beaucoup !",
    ],
    followup_still: &[
        "{?undelivered}Le colis n'est toujours pas arrivé. Je commence à perdre patience.",
        "Cela ne m'aide pas vraiment.",
        "Toujours aucune nouvelle. Qu'est-ce qui se passe ?",
        "Rien n'a changé, le problème persiste.",
    ],
    when: ["aujourd'hui", "hier", "il y a {n} jours"],
    via: [
        "sur Amazon",
        "sur eBay",
        "via Walmart",
        "via votre formulaire de contact",
        "par e-mail",
    ],
    subj_amazon: &[
        "Question concernant la commande {order}",
        "Demande du client Amazon {first} (Commande : {order})",
        "Question sur l'expédition ou la livraison (Commande : {order})",
        "Demande de retour pour la commande {order}",
    ],
    subj_amazon_presale: &[
        "Question sur l'article « {product} »",
        "Demande d'information produit du client Amazon {first}",
    ],
    subj_ebay: &[
        "Question sur l'objet n° {item} : {product}",
        "{user} a une question sur votre objet n° {item}",
        "Message de {user} concernant la commande {order}",
    ],
    subj_email: &[
        "{topic}",
        "{topic} - commande {order}",
        "Commande {order}",
        "{topic} !!",
        "Demande",
    ],
    topics: [
        "Où est ma commande ?",
        "Colis non reçu",
        "Article endommagé",
        "Mauvais article",
        "Retour",
        "Remboursement",
        "Annulation",
        "Changement d'adresse",
        "Modification de commande",
        "Facture",
        "Question produit",
        "Montage",
        "Garantie",
        "Paiement",
        "Avis",
        "Réclamation",
        "Demande",
    ],
    reply_prefix: "RE : ",
    amazon_frame: [
        "Vous avez reçu un message du client Amazon {first} :",
        "------------- Début du message -------------",
        "------------- Fin du message -------------",
    ],
    contact_form: [
        "[Lumen & Linde] Nouveau message client",
        "Vous avez reçu un nouveau message via le formulaire de contact de votre boutique.",
        "Nom",
        "E-mail",
        "Téléphone",
        "Commentaire",
    ],
    quote_header: "Le {date}, {from} a écrit :",
    defects: [
        &[
            "la lampe clignote sans arrêt",
            "la lampe ne s'allume pas du tout",
            "l'interrupteur est cassé",
            "le pied est tordu et bancal",
        ],
        &[
            "deux ampoules sont cassées",
            "l'ampoule scintille avec le variateur",
            "ça bourdonne fort",
        ],
        &[
            "l'abat-jour est cabossé",
            "le tissu est déchiré",
            "la bague est tordue",
        ],
        &[
            "la pièce est cassée en plusieurs morceaux",
            "il y a une grosse fissure sur le bord",
            "la surface est toute rayée",
        ],
        &[
            "il y a un trou dans le tissu",
            "il y a des taches",
            "la couture est défaite",
        ],
    ],
    parts: [
        &[
            "le câble d'alimentation",
            "les vis de fixation",
            "l'abat-jour",
            "le support",
        ],
        &["une des ampoules", "la télécommande", "la notice"],
        &[
            "la bague de réduction",
            "le support d'abat-jour",
            "la notice",
        ],
        &[
            "une pièce du lot",
            "les accessoires de fixation",
            "le bon de livraison",
        ],
        &[
            "une des housses",
            "le coussin intérieur",
            "le bon de livraison",
        ],
    ],
    questions: [
        &[
            "Quelles ampoules peut-on mettre ?",
            "La lampe est-elle dimmable ?",
            "Quelle est la longueur du câble ?",
            "Peut-on l'utiliser dans une salle de bain ?",
        ],
        &[
            "Est-ce que ça rentre dans une douille E14 ?",
            "Fonctionnent-elles avec un variateur classique ?",
            "Quelle est la température de couleur exacte ?",
        ],
        &[
            "L'abat-jour va-t-il sur une douille E27 ?",
            "Quelle est la hauteur de l'abat-jour ?",
            "Le tissu laisse-t-il passer beaucoup de lumière ?",
        ],
        &[
            "Combien ça pèse ?",
            "Est-ce fait main ?",
            "Pouvez-vous faire un paquet cadeau ?",
        ],
        &[
            "Peut-on le laver à 40 degrés ?",
            "C'est du pur lin ou de la pure laine ?",
            "Est-ce que ça peluche beaucoup ?",
        ],
    ],
    question_answers: [
        &[
            "La lampe accepte toutes les ampoules à culot E27 jusqu'à 60 W ; les ampoules LED blanc chaud 2700 K sont idéales.",
            "La lampe est dimmable avec tout variateur à coupure de phase descendante, à condition d'utiliser une ampoule LED dimmable.",
            "Le câble textile mesure 1,8 m.",
            "La lampe n'est malheureusement pas prévue pour une salle de bain (IP20).",
        ],
        &[
            "Les ampoules ont un culot E27 ; pour une douille E14, nous pouvons joindre un adaptateur gratuitement.",
            "Elles sont compatibles avec les variateurs à coupure descendante ; avec un ancien variateur, un léger scintillement est possible.",
            "Elles sont en blanc chaud 2700 K, très proche d'une ampoule classique.",
        ],
        &[
            "L'abat-jour est livré avec une bague de réduction E27/E14 et s'adapte à la plupart des douilles.",
            "L'abat-jour mesure 28 cm de haut ; le diamètre figure dans le nom de l'article.",
            "Le tissu est légèrement translucide et donne une lumière chaude et douce.",
        ],
        &[
            "La pièce pèse environ 1,2 kg.",
            "Oui, chaque pièce est faite à la main, elle est donc unique.",
            "Avec plaisir, nous l'emballons soigneusement dans du papier de soie et pouvons ajouter une carte cadeau.",
        ],
        &[
            "Le tissu se lave à 30 degrés en cycle délicat ; pas de sèche-linge s'il vous plaît.",
            "Oui, c'est 100 % fibre naturelle, sans mélange.",
            "Quelques fibres peuvent se détacher au début ; cela disparaît après le premier lavage.",
        ],
    ],
    salut: ["Madame", "Monsieur"],
    ans_greet: &[
        "Bonjour {salut} {last},",
        "Bonjour {first},",
        "{salut} {last},",
    ],
    ans_thanks: &[
        "merci pour votre message.",
        "merci de nous avoir contactés.",
        "nous vous remercions pour votre demande.",
    ],
    ans_sorry: &[
        "Nous sommes vraiment désolés pour ce désagrément et comprenons tout à fait votre agacement.",
        "Tout d'abord, veuillez accepter nos sincères excuses ; cela n'aurait pas dû arriver.",
    ],
    ans: [
        // tracking
        &[
            "{?shipped}Votre commande {order} a été expédiée le {shipdate} avec {carrier}. Le numéro de suivi est {tracking}. D'après {carrier}, la livraison est prévue le {eta}.{link}",
            "{?shipped}Votre colis est en route : {carrier}, numéro de suivi {tracking}, expédié le {shipdate}. La livraison est annoncée pour le {eta}.{link}",
            "{?unshipped}Votre commande {order} est préparée aujourd'hui et partira demain avec {carrier} ; nous prévoyons une livraison le {eta}. Vous recevrez automatiquement le numéro de suivi dès l'expédition.",
        ],
        // not_received
        &[
            "{?delivered}D'après {carrier}, le colis {tracking} a été livré le {deldate}. Pourriez-vous vérifier auprès de vos voisins ou d'un éventuel lieu de dépôt ? Nous avons déjà ouvert une enquête auprès de {carrier} ; si le colis n'est pas retrouvé d'ici le {deadline}, nous vous enverrons gratuitement un remplacement.",
            "{?undelivered}Votre colis {tracking} n'a plus de mise à jour chez {carrier} depuis plusieurs jours. Nous avons ouvert une enquête et vous envoyons dès aujourd'hui un remplacement gratuit.",
            "{?unshipped}Votre commande {order} n'a malheureusement pas encore quitté notre entrepôt. Elle part aujourd'hui avec {carrier} et devrait arriver le {eta}.",
        ],
        // damaged
        &[
            "Nous sommes désolés que votre article soit arrivé endommagé. Nous vous envoyons aujourd'hui un remplacement gratuit ; inutile de nous retourner l'article abîmé.",
            "C'est très contrariant, toutes nos excuses. Au choix : nous vous envoyons tout de suite un nouvel exemplaire, ou nous vous remboursons {amount}. Vous pouvez jeter l'article endommagé.",
        ],
        // wrong_item
        &[
            "Toutes nos excuses pour cette erreur de préparation. Nous vous envoyons aujourd'hui le bon article gratuitement ; vous pouvez garder le mauvais.",
            "Une erreur s'est produite de notre côté. La pièce manquante part aujourd'hui par la poste et arrivera sous deux à trois jours ouvrés.",
        ],
        // return
        &[
            "{?amazon}Vous pouvez demander le retour directement dans votre compte Amazon, rubrique « Vos commandes » ; l'étiquette est gratuite. Dès réception, nous vous remboursons {amount} sous deux jours ouvrés.",
            "{?notamazon}Vous trouverez en pièce jointe une étiquette de retour gratuite. Collez-la sur le colis et déposez-le chez {carrier}. Dès réception, nous vous remboursons {amount} sous deux jours ouvrés.",
        ],
        // refund
        &[
            "Nous vous avons remboursé {amount} le {refund_date} ; l'identifiant de transaction est {refund_id}. Selon votre banque, le montant apparaîtra sous trois à cinq jours ouvrés.",
            "Votre retour nous est bien parvenu et le remboursement de {amount} a été effectué le {refund_date} (transaction {refund_id}).",
        ],
        // cancellation
        &[
            "{?unshipped}Nous avons annulé votre commande {order}. Le remboursement de {amount} est lancé (transaction {refund_id}) et arrivera sur votre compte d'ici quelques jours.",
            "{?shipped}Votre commande était malheureusement déjà partie à l'arrivée de votre message ({carrier}, numéro de suivi {tracking}). Vous pouvez simplement refuser le colis ; dès son retour, nous vous remboursons {amount}.",
        ],
        // address_change
        &[
            "{?unshipped}Nous avons modifié l'adresse de livraison de votre commande {order} ; le colis partira à {newaddr}.",
            "{?shipped}Le colis est malheureusement déjà en route ({carrier}, numéro de suivi {tracking}). Vous pouvez demander en ligne à {carrier} de le réacheminer vers votre nouvelle adresse.",
        ],
        // order_change
        &[
            "{?unshipped}Nous avons modifié votre commande {order} comme demandé ; elle part demain.",
            "{?shipped}Votre commande était malheureusement déjà expédiée. Vous pourrez échanger l'article gratuitement à réception.",
        ],
        // invoice
        &[
            "{?amazon}Nous avons téléchargé la facture de votre commande {order} dans votre compte Amazon, rubrique « Vos commandes ».",
            "{?notamazon}Vous trouverez en pièce jointe la facture avec TVA de votre commande {order}.",
        ],
        // product_question
        &["{answer_q}", "Avec plaisir : {answer_q}"],
        // assembly
        &[
            "Voici comment procéder : fixez d'abord le support avec les vis fournies, puis branchez les fils (marron sur L, bleu sur N, vert-jaune à la terre) et posez l'abat-jour en dernier. Pensez à couper le disjoncteur avant.",
            "Nous vous avons joint la notice pas à pas. L'essentiel est de poser l'abat-jour tout à la fin, sinon la bague ne se serre pas.",
        ],
        // warranty
        &[
            "Nos articles sont garantis deux ans, votre achat du {date} est donc couvert. Nous vous envoyons gratuitement un remplacement ; inutile de renvoyer l'article défectueux.",
        ],
        // payment
        &[
            "Nous avons vérifié : votre commande {order} n'a été débitée qu'une fois. La seconde ligne est une pré-autorisation de votre banque qui disparaîtra d'elle-même sous quelques jours.",
            "Vous avez raison, le montant a été prélevé deux fois. Nous vous avons remboursé {amount} le {refund_date}, transaction {refund_id}.",
        ],
        // feedback
        &[
            "Merci pour votre retour sincère. Nous regrettons que vous n'ayez pas été satisfait ; nous avons transmis vos remarques à notre équipe logistique pour que cela ne se reproduise pas.",
        ],
        // complaint
        &[
            "Nous sommes sincèrement désolés de vous avoir déçu ; ce n'est pas le service que nous voulons offrir. En guise d'excuse, nous vous avons remboursé 10 % du prix d'achat.",
        ],
        // other
        &[
            "Nous avons transmis votre demande à la collègue concernée, qui vous répondra d'ici demain.",
            "Avec plaisir, c'est fait !",
        ],
    ],
    ans_courtesy: &[
        "nous vous avons déjà répondu en détail {via} au sujet de votre commande {order} ; vous y trouverez toutes les informations. Pour plus de simplicité, nous poursuivons l'échange là-bas.",
        "nous avons déjà répondu à votre demande concernant la commande {order} {via}. Merci de consulter cette réponse ; nous restons sur le dossier.",
    ],
    ans_close: &[
        "Cordialement,\n{agent}\nService client Lumen & Linde",
        "Bien à vous,\n{agent} de Lumen & Linde",
        "Belle journée,\n{agent}\nL'équipe Lumen & Linde",
    ],
    link: " Vous pouvez suivre le colis ici : {url}",
};
