//! English (UK and US customers alike; the shop writes British English).

use super::Texts;

pub(super) const TEXTS: Texts = Texts {
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    greetings: &[
        "Hi,",
        "Hello,",
        "Dear Sir/Madam,",
        "Hi there,",
        "Good morning,",
        "Hey,",
        "To whom it may concern,",
        "Hello Lumen & Linde team,",
        "Hiya,",
    ],
    closings: &[
        "Thanks,\n{first}",
        "Kind regards,\n{first} {last}",
        "Best,\n{first}",
        "Many thanks\n{first} {last}",
        "Regards, {last}",
        "Cheers, {first}",
        "Thank you in advance!\n{first} {last}",
        "Sincerely,\n{first} {last}",
    ],
    phone_signature: "Sent from my iPhone",
    bodies: [
        // tracking
        &[
            "I ordered the {product} on {date} and still haven't received anything. When will my order ship?",
            "{?shipped}Where is my order {order}? The {carrier} tracking hasn't updated in days.",
            "{?shipped}Can you tell me when my parcel will arrive? According to {carrier} ({tracking}) it's stuck somewhere.",
            "where is my order?? ordered {days} days ago",
            "I've been waiting {days} days for my order now. Has it even been sent?",
            "{?unshipped}Is there a tracking number for order {order} yet? I'd like to see where the package is.",
            "{?unshipped}Amazon still says \"not yet dispatched\". When will the {product} go out? I need it by the weekend.",
        ],
        // not_received
        &[
            "{?delivered}{carrier} says my package was delivered but I never got it. I've checked with the neighbours too.",
            "{?delivered}Tracking {tracking} shows delivered, but there is no parcel here. What now?",
            "{?delivered}I never received the {product}. The tracking says delivered but there was nothing on the doorstep or in the mailbox.",
            "{?lost}My parcel ({carrier}, {tracking}) has been in transit for over a week and isn't moving. I think it's lost.",
            "{?lost}The order never arrived. {carrier} has said \"in transit\" for days.",
        ],
        // damaged
        &[
            "The {product} arrived today but {defect}. What can I do?",
            "Item arrived damaged: {defect}. The box was already crushed. Happy to send photos.",
            "Unfortunately the {product} is faulty - {defect}. I'd like a replacement please.",
            "got my delivery today and {defect}. really annoying",
        ],
        // wrong_item
        &[
            "I ordered the {product} but the box contained a completely different item.",
            "{part} is missing from the package, so I can't use the {product}.",
            "You sent me the wrong colour. I ordered the {product} and got something else.",
            "wrong item delivered!! order number {order}",
        ],
        // return
        &[
            "I'd like to return the {product}, it doesn't go with our decor. How does the return work?",
            "How can I return my order {order}? I need a return label.",
            "Can I exchange the {product} for a different colour?",
            "I want to send the items back. Do I have to pay for return shipping?",
        ],
        // refund
        &[
            "I sent the {product} back two weeks ago but haven't had my money back yet. When will I be refunded?",
            "When will I get my {amount} back? Tracking shows the return reached you ages ago.",
            "I'd like a partial refund because the {product} has a few scratches. I'd keep it in that case.",
            "Where is my refund for order {order}?",
        ],
        // cancellation
        &[
            "Please cancel my order {order}, I ordered by mistake.",
            "I'd like to cancel the order if it hasn't shipped yet.",
            "I accidentally ordered twice, please cancel one of them.",
            "cancel please, don't need the {product} anymore",
        ],
        // address_change
        &[
            "I entered the wrong house number on my order. It should be {newaddr}. Can you still change it?",
            "Could you change the delivery address? I'm away for two weeks, please send it to {newaddr}.",
            "Please deliver to {newaddr} instead of my old address, is that still possible?",
        ],
        // order_change
        &[
            "Can I still change the colour on order {order}? Black rather than brass please.",
            "I'd like to add a second item to my order so everything comes in one box.",
            "Can I increase the quantity of the {product} to 2?",
        ],
        // invoice
        &[
            "Please send me a VAT invoice for order {order}.",
            "I need an invoice made out to my company name. Is that possible?",
            "Where can I find the invoice for my order?",
            "Could you send me a receipt? I need it for my expenses.",
        ],
        // product_question
        &[
            "I have a question about the {product}: {question}",
            "{question} I bought the {product} from you last week.",
            "Quick question about my order: {question}",
        ],
        // assembly
        &[
            "I can't get the {product} assembled. Is there a manual or a video?",
            "How do I wire the {product}? I have three wires but only two terminals.",
            "The instructions are really confusing. How do I attach the shade?",
        ],
        // warranty
        &[
            "I bought the {product} on {date} and now it's stopped working. Is it still under warranty?",
            "After a few weeks {defect}. I'd like to make a warranty claim.",
            "How long is the warranty on the {product}? It's already broken.",
        ],
        // payment
        &[
            "I was charged {amount} twice. Please refund the duplicate payment.",
            "The payment failed but the money has still left my account. Is the order valid?",
            "Can I pay another way? My card keeps getting declined.",
        ],
        // feedback
        &[
            "I left negative feedback yesterday because delivery took so long. Everything has arrived now, just wanted to let you know.",
            "Why wasn't my review of the {product} published?",
            "You asked me to leave a review. Honestly I'm not happy, and I wanted to tell you first.",
        ],
        // complaint
        &[
            "I'm really unhappy with your service. I've asked several times and never got a proper answer.",
            "Never experienced anything like this. Poor quality, slow delivery and nobody gets back to me.",
            "I want to complain about the packaging: the parcel was soaking wet and the {product} looks like it.",
        ],
        // other
        &[
            "Do you have a showroom where I can see the lamps?",
            "Do you work with interior designers? We'd need 20 of the {product} for an office.",
            "Please unsubscribe me from your newsletter.",
            "Do you sell gift cards? I'd like to give one as a present.",
        ],
    ],
    presale: &[
        "I'm interested in the {product}. {question}",
        "{question} And how long does delivery to {city} take?",
        "Is the {product} in stock? I need it by next week.",
        "Does the {product} come in other colours?",
        "before I order: {question}",
    ],
    also: &[
        "Also,",
        "One more question:",
        "And another thing:",
        "Oh, and",
        "Secondly,",
    ],
    frustration: &[
        "This is really frustrating!",
        "I'm very disappointed.",
        "I've had enough of this!!",
        "This is unacceptable.",
        "I've been waiting far too long.",
        "Honestly unbelievable.",
    ],
    threats: [
        &[
            "If I don't hear back by tomorrow I'll be leaving negative feedback.",
            "Otherwise I'll give you a one-star review.",
        ],
        &[
            "Otherwise I will file an A-to-z Guarantee claim with Amazon.",
            "If this isn't sorted I'm opening an A-to-z claim.",
        ],
        &[
            "Otherwise I'll dispute the charge with my bank.",
            "If not, I'll open a PayPal dispute and ask for a chargeback.",
        ],
        &[
            "Otherwise I'll be contacting my lawyer.",
            "If this carries on I will take legal action.",
        ],
    ],
    repeat_intro: &[
        "I already wrote to you {via} {when} but haven't had a reply.",
        "Second attempt, my message {via} seems to have been ignored.",
        "Writing again because nobody has got back to me.",
        "As I said {via}:",
    ],
    order_mention: &[
        "This is about my order {order}.",
        "Order number: {order}",
        "(order {order})",
        "My order number is {order}.",
    ],
    followup_thanks: &[
        "{?delivered}Thank you, the parcel arrived today!",
        "Great, thanks for the quick help.",
        "Thanks, that worked.",
        "Perfect, thank you!",
    ],
    followup_still: &[
        "{?undelivered}The parcel still hasn't arrived. I'm getting impatient.",
        "That doesn't really help me.",
        "Still haven't heard anything. What's going on?",
        "Nothing has changed, the problem is still there.",
    ],
    when: ["today", "yesterday", "{n} days ago"],
    via: [
        "on Amazon",
        "on eBay",
        "through Walmart",
        "through your contact form",
        "by email",
    ],
    subj_amazon: &[
        "Question about order {order}",
        "Inquiry from Amazon customer {first} (Order: {order})",
        "Shipping inquiry from Amazon customer {first} (Order: {order})",
        "Return request for order {order}",
    ],
    subj_amazon_presale: &[
        "Product question: {product}",
        "Product details inquiry from Amazon customer {first}",
    ],
    subj_ebay: &[
        "Question about item #{item}: {product}",
        "{user} sent a question about item #{item}",
        "Message from {user} about order {order}",
    ],
    subj_email: &[
        "{topic}",
        "{topic} - order {order}",
        "Order {order}",
        "{topic}!!",
        "Enquiry",
    ],
    topics: [
        "Where is my order?",
        "Parcel not received",
        "Damaged item",
        "Wrong item",
        "Return",
        "Refund",
        "Cancellation",
        "Change of address",
        "Change to my order",
        "Invoice",
        "Product question",
        "Assembly",
        "Warranty",
        "Payment",
        "Review",
        "Complaint",
        "Question",
    ],
    reply_prefix: "Re: ",
    amazon_frame: [
        "You have received a message from Amazon customer {first}:",
        "------------- Begin message -------------",
        "------------- End message -------------",
    ],
    contact_form: [
        "[Lumen & Linde] New customer message",
        "You received a new message from your online store's contact form.",
        "Name",
        "Email",
        "Phone Number",
        "Body",
    ],
    quote_header: "On {date}, {from} wrote:",
    defects: [
        &[
            "the lamp keeps flickering",
            "the lamp won't switch on at all",
            "the switch has snapped off",
            "the base wobbles and is bent",
        ],
        &[
            "two of the bulbs are broken",
            "the bulb flickers when dimmed",
            "it buzzes loudly",
        ],
        &[
            "the shade is dented",
            "the fabric is torn",
            "the ring is bent",
        ],
        &[
            "it's broken into several pieces",
            "there's a big crack on the rim",
            "the surface is badly scratched",
        ],
        &[
            "there's a hole in the fabric",
            "there are stains on it",
            "the seam has come apart",
        ],
    ],
    parts: [
        &[
            "The power cable",
            "The mounting screws",
            "The lamp shade",
            "The bracket",
        ],
        &["One of the bulbs", "The remote control", "The instructions"],
        &["The reducer ring", "The shade holder", "The instructions"],
        &["One piece of the set", "The fittings", "The delivery note"],
        &[
            "One of the covers",
            "The cushion insert",
            "The delivery note",
        ],
    ],
    questions: [
        &[
            "What bulbs fit in it?",
            "Is the lamp dimmable?",
            "How long is the cable?",
            "Can it be used in a bathroom?",
        ],
        &[
            "Do these fit an E14 socket?",
            "Do they work with a normal dimmer switch?",
            "What colour temperature are they exactly?",
        ],
        &[
            "Does the shade fit an E27 fitting?",
            "How tall is the shade?",
            "Does the fabric let much light through?",
        ],
        &[
            "How heavy is it?",
            "Is it handmade?",
            "Can you gift-wrap it?",
        ],
        &[
            "Can it be washed at 40 degrees?",
            "Is it pure linen or wool?",
            "Does it shed a lot?",
        ],
    ],
    question_answers: [
        &[
            "The lamp takes any E27 bulb up to 60 W; warm white LED bulbs at 2700 K look best.",
            "The lamp is dimmable with any standard trailing-edge dimmer, as long as you use a dimmable LED bulb.",
            "The fabric cable is 1.8 m long.",
            "Unfortunately the lamp isn't rated for bathrooms (IP20).",
        ],
        &[
            "The bulbs have an E27 base; for E14 sockets we can include an adapter free of charge.",
            "They work with trailing-edge dimmers; older dimmers may cause slight flickering.",
            "They are warm white at 2700 K, very close to a classic incandescent bulb.",
        ],
        &[
            "The shade comes with a reducer ring for E27 and E14, so it fits most fittings.",
            "The shade is 28 cm tall; the diameter is in the product name.",
            "The fabric is slightly translucent and gives a warm, soft light.",
        ],
        &[
            "It weighs about 1.2 kg.",
            "Yes, every piece is made by hand, so each one is unique.",
            "Of course, we wrap it safely in tissue paper and can add a gift card.",
        ],
        &[
            "The fabric can be washed at 30 degrees on a gentle cycle; please don't tumble dry it.",
            "Yes, it's 100% natural fibre with nothing blended in.",
            "A few fibres may come loose at first; that settles after the first wash.",
        ],
    ],
    salut: ["Ms", "Mr"],
    ans_greet: &[
        "Hello {first},",
        "Dear {salut} {last},",
        "Hi {first},",
        "Good morning {first},",
    ],
    ans_thanks: &[
        "thank you for your message.",
        "thanks for getting in touch.",
        "thank you for contacting us.",
    ],
    ans_sorry: &[
        "We're really sorry for the trouble, and we completely understand your frustration.",
        "First of all, please accept our sincere apologies; this should not have happened.",
    ],
    ans: [
        // tracking
        &[
            "{?shipped}Your order {order} was shipped with {carrier} on {shipdate}. The tracking number is {tracking}. According to {carrier}, the parcel is due to be delivered on {eta}.{link}",
            "{?shipped}Your parcel is on its way: {carrier}, tracking number {tracking}, shipped on {shipdate}. Delivery is expected on {eta}.{link}",
            "{?unshipped}Your order {order} is being packed today and will go out with {carrier} tomorrow; we expect delivery on {eta}. You'll receive the tracking number automatically as soon as it ships.",
        ],
        // not_received
        &[
            "{?delivered}According to {carrier}, parcel {tracking} was delivered on {deldate}. Could you please check with your neighbours and any safe place? We have already opened an investigation with {carrier}; if the parcel hasn't turned up by {deadline}, we'll send you a free replacement.",
            "{?undelivered}Your parcel {tracking} has had no update from {carrier} for several days. We have opened an investigation and are sending you a free replacement today so you don't have to wait any longer.",
            "{?unshipped}Unfortunately your order {order} hasn't left our warehouse yet. It goes out with {carrier} today and should reach you on {eta}.",
        ],
        // damaged
        &[
            "We're sorry the {product} arrived damaged. We're sending you a free replacement today; there's no need to return the damaged item.",
            "That's annoying, sorry about that. You can choose: we send you a new {product} right away, or we refund {amount}. Please feel free to dispose of the damaged item.",
        ],
        // wrong_item
        &[
            "Sorry about the packing mistake. We're sending you the correct item free of charge today; you can keep the wrong one.",
            "Something went wrong on our side. The missing part is going out by post today and should reach you in two to three working days.",
        ],
        // return
        &[
            "{?amazon}You can start the return in your Amazon account under \"Your Orders\"; the label is free for you. As soon as the item is back with us, we'll refund {amount} within two working days.",
            "{?notamazon}Please find a free return label attached. Just stick it on the parcel and drop it off with {carrier}. As soon as the item is back with us, we'll refund {amount} within two working days.",
        ],
        // refund
        &[
            "We refunded {amount} on {refund_date}; the transaction ID is {refund_id}. Depending on your bank it will show in your account within three to five working days.",
            "Your return has arrived and the refund of {amount} was issued on {refund_date} (transaction ID {refund_id}).",
        ],
        // cancellation
        &[
            "{?unshipped}We have cancelled your order {order}. The refund of {amount} has been issued (transaction ID {refund_id}) and will reach your account in a few days.",
            "{?shipped}Unfortunately your order had already shipped when your message arrived ({carrier}, tracking number {tracking}). You can simply refuse delivery; once the parcel is back with us we'll refund {amount}.",
        ],
        // address_change
        &[
            "{?unshipped}We have updated the delivery address for your order {order}; the parcel will go to {newaddr}.",
            "{?shipped}The parcel is already on its way ({carrier}, tracking number {tracking}). You can ask {carrier} online to redirect it to your new address.",
        ],
        // order_change
        &[
            "{?unshipped}We have updated your order {order} as requested; it ships tomorrow.",
            "{?shipped}Your order had already shipped, unfortunately. You can exchange the item free of charge once it arrives.",
        ],
        // invoice
        &[
            "{?amazon}We have uploaded the invoice for order {order} to your Amazon account; you'll find it under \"Your Orders\".",
            "{?notamazon}Please find attached the VAT invoice for your order {order}.",
        ],
        // product_question
        &["{answer_q}", "Happy to help: {answer_q}"],
        // assembly
        &[
            "Here's how to install it: first fix the bracket with the screws supplied, then connect the wires (brown to L, blue to N, green/yellow to earth) and fit the shade last. Please switch off the power at the fuse box first.",
            "We've attached the step-by-step guide. The key thing is to fit the shade at the very end, otherwise the ring can't be tightened.",
        ],
        // warranty
        &[
            "The {product} comes with a two-year warranty, so your purchase from {date} is covered. We're sending you a free replacement; there's no need to send the faulty one back.",
        ],
        // payment
        &[
            "We've checked: your order {order} was only charged once. The second entry is a pending authorisation from your bank and will disappear on its own within a few days.",
            "You're right, the amount was taken twice. We refunded {amount} on {refund_date}, transaction ID {refund_id}.",
        ],
        // feedback
        &[
            "Thank you for your honest feedback. We're sorry you weren't happy; we've passed your comments on to our warehouse team so this doesn't happen again.",
        ],
        // complaint
        &[
            "We're truly sorry to have disappointed you; this is not the service we want to offer. As an apology we have refunded 10% of the purchase price.",
        ],
        // other
        &[
            "We've passed your request on to the right colleague, who will get back to you by tomorrow.",
            "Of course! We've taken care of that for you.",
        ],
    ],
    ans_courtesy: &[
        "we have already replied to you in detail {via} about your order {order}; you'll find all the details there. To keep things simple we'll continue the conversation there.",
        "we've already answered your question about order {order} {via}. Please have a look there; we're still on it.",
    ],
    ans_close: &[
        "Kind regards,\n{agent}\nLumen & Linde Customer Service",
        "Best wishes,\n{agent} at Lumen & Linde",
        "Warm regards from Freiburg,\n{agent}\nThe Lumen & Linde team",
    ],
    link: " You can follow it here: {url}",
};
