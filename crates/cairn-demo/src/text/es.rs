//! Spanish.

use super::Texts;

pub(super) const TEXTS: Texts = Texts {
    months: [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    greetings: &[
        "Hola,",
        "Buenos días,",
        "Buenas tardes,",
        "Estimados señores:",
        "Hola, buenas,",
        "Buenas,",
        "Hola equipo de Lumen & Linde,",
    ],
    closings: &[
        "Saludos,\n{first} {last}",
        "Un saludo,\n{first}",
        "Muchas gracias,\n{first}",
        "Atentamente,\n{first} {last}",
        "Gracias de antemano\n{first} {last}",
        "Un cordial saludo, {first}",
        "Quedo a la espera de su respuesta.\n{first} {last}",
    ],
    phone_signature: "Enviado desde mi iPhone",
    bodies: [
        // tracking
        &[
            "Pedí «{product}» el {date} y todavía no he recibido nada. ¿Cuándo se enviará mi pedido?",
            "{?shipped}¿Dónde está mi pedido {order}? El seguimiento de {carrier} no se actualiza desde hace días.",
            "{?shipped}¿Me pueden decir cuándo llega el paquete? Según {carrier} ({tracking}) está parado en algún sitio.",
            "cuando llega mi pedido? lo hice hace {days} dias",
            "Llevo {days} días esperando mi pedido. ¿Ha salido ya por lo menos?",
            "{?unshipped}¿Hay ya número de seguimiento para el pedido {order}? Me gustaría ver dónde está el paquete.",
            "{?unshipped}En Amazon sigue poniendo «pendiente de envío». ¿Cuándo sale el artículo? Lo necesito para el fin de semana.",
        ],
        // not_received
        &[
            "{?delivered}Según {carrier} el paquete se entregó, pero yo no he recibido nada. Los vecinos tampoco tienen nada.",
            "{?delivered}El envío {tracking} aparece como entregado, pero aquí no ha llegado ningún paquete. ¿Y ahora qué?",
            "{?delivered}Nunca recibí «{product}». El seguimiento dice entregado, pero en el buzón y en la puerta no había nada.",
            "{?lost}Mi paquete ({carrier}, {tracking}) lleva más de una semana en tránsito y ya no se mueve. Creo que se ha perdido.",
            "{?lost}El pedido nunca llegó. En {carrier} pone «en tránsito» desde hace días.",
        ],
        // damaged
        &[
            "El artículo «{product}» ha llegado hoy, pero {defect}. ¿Qué puedo hacer?",
            "Artículo llegado dañado: {defect}. La caja ya venía aplastada. Puedo mandar fotos.",
            "Por desgracia el artículo «{product}» está defectuoso, {defect}. Quisiera un recambio.",
            "me ha llegado hoy y {defect}. que rabia",
        ],
        // wrong_item
        &[
            "Pedí «{product}», pero en el paquete venía un artículo completamente distinto.",
            "En el paquete falta {part}, así que no puedo usar el artículo.",
            "Me han enviado el color equivocado. Pedí «{product}» y me ha llegado otra cosa.",
            "articulo equivocado!! pedido {order}",
        ],
        // return
        &[
            "Quiero devolver «{product}», no pega con nuestra decoración. ¿Cómo funciona la devolución?",
            "¿Cómo puedo devolver el pedido {order}? Necesito una etiqueta de devolución.",
            "¿Puedo cambiar «{product}» por otro color?",
            "Quiero devolver los artículos. ¿Tengo que pagar yo el envío de vuelta?",
        ],
        // refund
        &[
            "Devolví «{product}» hace dos semanas y todavía no me han reembolsado. ¿Cuándo me devuelven el dinero?",
            "¿Cuándo me devuelven los {amount}? Según el seguimiento la devolución os llegó hace tiempo.",
            "Quisiera un reembolso parcial porque el artículo tiene algunos arañazos. En ese caso me lo quedo.",
            "¿Qué pasa con el reembolso del pedido {order}?",
        ],
        // cancellation
        &[
            "Por favor, cancelen mi pedido {order}, me he equivocado.",
            "Quiero cancelar el pedido si todavía no se ha enviado.",
            "He pedido dos veces sin querer, por favor cancelen uno.",
            "cancelad por favor, ya no lo necesito",
        ],
        // address_change
        &[
            "Puse mal el número de la calle en el pedido. La dirección correcta es {newaddr}. ¿Se puede cambiar todavía?",
            "¿Podrían cambiar la dirección de entrega? Estoy fuera dos semanas, envíenlo a {newaddr} por favor.",
            "Por favor, entreguen en {newaddr} en vez de en mi dirección antigua, ¿es posible?",
        ],
        // order_change
        &[
            "¿Puedo cambiar todavía el color del pedido {order}? Mejor negro que latón.",
            "Quisiera añadir un segundo artículo al pedido para que llegue todo en un solo paquete.",
            "¿Puedo subir la cantidad de «{product}» a 2?",
        ],
        // invoice
        &[
            "Por favor, envíenme una factura con IVA del pedido {order}.",
            "Necesito una factura a nombre de mi empresa, con NIF. ¿Es posible?",
            "¿Dónde encuentro la factura de mi pedido?",
            "¿Me pueden hacer factura? La necesito para la gestoría.",
        ],
        // product_question
        &[
            "Tengo una pregunta sobre «{product}»: {question}",
            "{question} Compré «{product}» en su tienda la semana pasada.",
            "Una pregunta rápida sobre mi pedido: {question}",
        ],
        // assembly
        &[
            "No consigo montar «{product}». ¿Hay algún manual o vídeo?",
            "¿Cómo se conecta «{product}»? Tengo tres cables pero solo dos bornes.",
            "Las instrucciones no se entienden. ¿Cómo se fija la pantalla?",
        ],
        // warranty
        &[
            "Compré «{product}» el {date} y ahora ya no funciona. ¿Sigue en garantía?",
            "Al cabo de unas semanas {defect}. Quiero tramitarlo por la garantía.",
            "¿Cuánto dura la garantía de «{product}»? Ya se ha estropeado.",
        ],
        // payment
        &[
            "Me han cobrado {amount} dos veces. Por favor, devuelvan el cargo duplicado.",
            "El pago dio error, pero el dinero ha salido igualmente de mi cuenta. ¿El pedido es válido?",
            "¿Puedo pagar de otra forma? Me rechazan la tarjeta.",
        ],
        // feedback
        &[
            "Ayer dejé una valoración negativa porque el envío tardó muchísimo. Ya ha llegado todo, solo quería decírselo.",
            "¿Por qué no se ha publicado mi opinión sobre «{product}»?",
            "Me pidieron una valoración. Sinceramente no estoy contento y prefería decírselo antes.",
        ],
        // complaint
        &[
            "Estoy muy descontento con su servicio. He preguntado varias veces y nunca me dan una respuesta clara.",
            "Nunca había visto algo así. Mala calidad, envío lento y nadie contesta.",
            "Quiero quejarme del embalaje: el paquete llegó empapado y el contenido también.",
        ],
        // other
        &[
            "¿Tienen tienda física donde ver las lámparas?",
            "¿Trabajan con interioristas? Necesitaríamos 20 unidades de «{product}» para una oficina.",
            "Por favor, denme de baja de la newsletter.",
            "¿Venden tarjetas regalo?",
        ],
    ],
    presale: &[
        "Me interesa «{product}». {question}",
        "{question} ¿Y cuánto tarda el envío a {city}?",
        "¿Tienen «{product}» en stock? Lo necesitaría para la semana que viene.",
        "¿Existe «{product}» en otro color?",
        "antes de pedir: {question}",
    ],
    also: &[
        "Además,",
        "Otra pregunta:",
        "Y otra cosa:",
        "Ah, y",
        "En segundo lugar,",
    ],
    frustration: &[
        "¡Esto es muy frustrante!",
        "Estoy muy decepcionado.",
        "¡¡Ya estoy harto!!",
        "Esto es inaceptable.",
        "Llevo demasiado tiempo esperando.",
        "Increíble, de verdad.",
    ],
    threats: [
        &[
            "Si no tengo respuesta mañana dejaré una valoración negativa.",
            "Si no, les pongo una estrella.",
        ],
        &[
            "Si no, abriré una reclamación de la Garantía de la A a la Z de Amazon.",
            "Si esto no se arregla, abro una reclamación A-Z.",
        ],
        &[
            "Si no, pediré a mi banco que anule el cargo.",
            "Si no, abro una disputa en PayPal y pido la devolución del cargo.",
        ],
        &[
            "Si no, hablaré con mi abogado.",
            "Si esto sigue así, emprenderé acciones legales.",
        ],
    ],
    repeat_intro: &[
        "Ya les escribí {via} {when}, pero no he recibido respuesta.",
        "Segundo intento, parece que mi mensaje {via} se ha perdido.",
        "Les vuelvo a escribir porque nadie me contesta.",
        "Como ya dije {via}:",
    ],
    order_mention: &[
        "Se trata de mi pedido {order}.",
        "Número de pedido: {order}",
        "(pedido {order})",
        "Mi número de pedido es {order}.",
    ],
    followup_thanks: &[
        "{?delivered}Gracias, el paquete ha llegado hoy.",
        "Genial, gracias por la ayuda tan rápida.",
        "Gracias, ya está solucionado.",
        "¡Perfecto, muchas gracias!",
    ],
    followup_still: &[
        "{?undelivered}El paquete sigue sin llegar. Estoy perdiendo la paciencia.",
        "Esto no me ayuda mucho.",
        "Sigo sin noticias. ¿Qué está pasando?",
        "No ha cambiado nada, el problema sigue.",
    ],
    when: ["hoy", "ayer", "hace {n} días"],
    via: [
        "por Amazon",
        "por eBay",
        "por Walmart",
        "a través del formulario de contacto",
        "por correo",
    ],
    subj_amazon: &[
        "Pregunta sobre el pedido {order}",
        "Consulta del cliente de Amazon {first} (Pedido: {order})",
        "Consulta sobre envío o entrega (Pedido: {order})",
        "Solicitud de devolución del pedido {order}",
    ],
    subj_amazon_presale: &[
        "Pregunta sobre el artículo «{product}»",
        "Consulta sobre un producto del cliente de Amazon {first}",
    ],
    subj_ebay: &[
        "Pregunta sobre el artículo n.º {item}: {product}",
        "{user} tiene una pregunta sobre tu artículo n.º {item}",
        "Mensaje de {user} sobre el pedido {order}",
    ],
    subj_email: &[
        "{topic}",
        "{topic} - pedido {order}",
        "Pedido {order}",
        "¡¡{topic}!!",
        "Consulta",
    ],
    topics: [
        "¿Dónde está mi pedido?",
        "Paquete no recibido",
        "Artículo dañado",
        "Artículo equivocado",
        "Devolución",
        "Reembolso",
        "Cancelación",
        "Cambio de dirección",
        "Cambio en mi pedido",
        "Factura",
        "Pregunta sobre el producto",
        "Montaje",
        "Garantía",
        "Pago",
        "Valoración",
        "Reclamación",
        "Consulta",
    ],
    reply_prefix: "RE: ",
    amazon_frame: [
        "Has recibido un mensaje del cliente de Amazon {first}:",
        "------------- Inicio del mensaje -------------",
        "------------- Fin del mensaje -------------",
    ],
    contact_form: [
        "[Lumen & Linde] Nuevo mensaje de cliente",
        "Has recibido un nuevo mensaje desde el formulario de contacto de tu tienda online.",
        "Nombre",
        "Correo electrónico",
        "Teléfono",
        "Comentario",
    ],
    quote_header: "El {date}, {from} escribió:",
    defects: [
        &[
            "la lámpara parpadea todo el rato",
            "la lámpara no se enciende",
            "el interruptor está roto",
            "la base está torcida y se tambalea",
        ],
        &[
            "dos bombillas están rotas",
            "la bombilla parpadea al regularla",
            "zumba mucho",
        ],
        &[
            "la pantalla está abollada",
            "la tela está rota",
            "el aro está doblado",
        ],
        &[
            "la pieza está rota en varios trozos",
            "tiene una grieta grande en el borde",
            "la superficie está llena de arañazos",
        ],
        &[
            "la tela tiene un agujero",
            "tiene manchas",
            "la costura se ha abierto",
        ],
    ],
    parts: [
        &[
            "el cable de alimentación",
            "los tornillos de montaje",
            "la pantalla",
            "el soporte",
        ],
        &["una de las bombillas", "el mando a distancia", "el manual"],
        &["el aro reductor", "el soporte de la pantalla", "el manual"],
        &["una pieza del set", "el material de fijación", "el albarán"],
        &["una de las fundas", "el relleno", "el albarán"],
    ],
    questions: [
        &[
            "¿Qué bombillas lleva?",
            "¿La lámpara es regulable?",
            "¿Cuánto mide el cable?",
            "¿Se puede usar en el baño?",
        ],
        &[
            "¿Sirven para un casquillo E14?",
            "¿Funcionan con un regulador normal?",
            "¿Qué temperatura de color tienen exactamente?",
        ],
        &[
            "¿La pantalla vale para un casquillo E27?",
            "¿Qué altura tiene la pantalla?",
            "¿La tela deja pasar mucha luz?",
        ],
        &[
            "¿Cuánto pesa?",
            "¿Está hecho a mano?",
            "¿Pueden envolverlo para regalo?",
        ],
        &[
            "¿Se puede lavar a 40 grados?",
            "¿Es lino puro o lana pura?",
            "¿Suelta mucha pelusa?",
        ],
    ],
    question_answers: [
        &[
            "La lámpara admite cualquier bombilla con casquillo E27 de hasta 60 W; las LED de luz cálida a 2700 K quedan mejor.",
            "La lámpara se puede regular con cualquier regulador de corte de fase descendente, siempre que use una bombilla LED regulable.",
            "El cable textil mide 1,8 m.",
            "Por desgracia la lámpara no está pensada para baños (IP20).",
        ],
        &[
            "Las bombillas tienen casquillo E27; para E14 podemos incluir un adaptador gratis.",
            "Son compatibles con reguladores de corte descendente; con reguladores antiguos puede haber un ligero parpadeo.",
            "Son de luz cálida a 2700 K, muy parecida a una bombilla clásica.",
        ],
        &[
            "La pantalla trae un aro reductor E27/E14 y encaja en la mayoría de casquillos.",
            "La pantalla mide 28 cm de alto; el diámetro está en el nombre del artículo.",
            "La tela es ligeramente translúcida y da una luz cálida y suave.",
        ],
        &[
            "Pesa alrededor de 1,2 kg.",
            "Sí, cada pieza se hace a mano, así que es única.",
            "Claro, lo envolvemos en papel de seda y, si quiere, añadimos una tarjeta regalo.",
        ],
        &[
            "La tela se lava a 30 grados en programa delicado; por favor, sin secadora.",
            "Sí, es 100 % fibra natural, sin mezclas.",
            "Al principio puede soltar alguna fibra; se pasa tras el primer lavado.",
        ],
    ],
    salut: ["Sra.", "Sr."],
    ans_greet: &[
        "Hola, {first}:",
        "Estimada {salut} {last}:",
        "Buenos días, {first}:",
    ],
    ans_thanks: &[
        "Gracias por su mensaje.",
        "Gracias por ponerse en contacto con nosotros.",
        "Le agradecemos su consulta.",
    ],
    ans_sorry: &[
        "Sentimos mucho las molestias y entendemos perfectamente su malestar.",
        "Ante todo, le pedimos sinceras disculpas; esto no debería haber pasado.",
    ],
    ans: [
        // tracking
        &[
            "{?shipped}Su pedido {order} se envió el {shipdate} con {carrier}. El número de seguimiento es {tracking}. Según {carrier}, la entrega está prevista para el {eta}.{link}",
            "{?shipped}Su paquete está en camino: {carrier}, número de seguimiento {tracking}, enviado el {shipdate}. La entrega está anunciada para el {eta}.{link}",
            "{?unshipped}Su pedido {order} se prepara hoy y sale mañana con {carrier}; prevemos la entrega el {eta}. Recibirá el número de seguimiento automáticamente en cuanto salga.",
        ],
        // not_received
        &[
            "{?delivered}Según {carrier}, el envío {tracking} se entregó el {deldate}. ¿Podría consultar con sus vecinos o en un posible lugar de depósito? Ya hemos abierto una investigación con {carrier}; si el paquete no aparece antes del {deadline}, le enviaremos un recambio gratis.",
            "{?undelivered}Su envío {tracking} no tiene novedades en {carrier} desde hace varios días. Hemos abierto una investigación y hoy mismo le enviamos un recambio gratis.",
            "{?unshipped}Por desgracia su pedido {order} aún no ha salido del almacén. Sale hoy con {carrier} y debería llegar el {eta}.",
        ],
        // damaged
        &[
            "Sentimos que el artículo haya llegado dañado. Hoy mismo le enviamos un recambio gratis; no hace falta devolver el artículo dañado.",
            "Qué contratiempo, disculpe. Puede elegir: le enviamos enseguida un artículo nuevo o le reembolsamos {amount}. Puede desechar el artículo dañado.",
        ],
        // wrong_item
        &[
            "Disculpe el error al preparar el pedido. Hoy le enviamos gratis el artículo correcto; puede quedarse con el equivocado.",
            "Algo ha fallado por nuestra parte. La pieza que falta sale hoy por correo y le llegará en dos o tres días laborables.",
        ],
        // return
        &[
            "{?amazon}Puede solicitar la devolución directamente en su cuenta de Amazon, en «Mis pedidos»; la etiqueta es gratuita. En cuanto recibamos el artículo, le reembolsaremos {amount} en dos días laborables.",
            "{?notamazon}Adjuntamos una etiqueta de devolución gratuita. Péguela en el paquete y entréguelo en {carrier}. En cuanto recibamos el artículo, le reembolsaremos {amount} en dos días laborables.",
        ],
        // refund
        &[
            "Le reembolsamos {amount} el {refund_date}; el ID de la transacción es {refund_id}. Según su banco, lo verá en la cuenta en tres a cinco días laborables.",
            "Hemos recibido su devolución y el reembolso de {amount} se emitió el {refund_date} (transacción {refund_id}).",
        ],
        // cancellation
        &[
            "{?unshipped}Hemos cancelado su pedido {order}. El reembolso de {amount} ya está en marcha (transacción {refund_id}) y llegará a su cuenta en unos días.",
            "{?shipped}Por desgracia su pedido ya había salido cuando llegó su mensaje ({carrier}, número de seguimiento {tracking}). Puede rechazar la entrega; cuando el paquete vuelva le reembolsaremos {amount}.",
        ],
        // address_change
        &[
            "{?unshipped}Hemos cambiado la dirección de entrega del pedido {order}; el paquete irá a {newaddr}.",
            "{?shipped}El paquete ya está en camino ({carrier}, número de seguimiento {tracking}). Puede pedir a {carrier} por internet que lo redirija a la nueva dirección.",
        ],
        // order_change
        &[
            "{?unshipped}Hemos modificado su pedido {order} como nos pidió; sale mañana.",
            "{?shipped}Por desgracia el pedido ya se había enviado. Podrá cambiar el artículo gratis cuando lo reciba.",
        ],
        // invoice
        &[
            "{?amazon}Hemos subido la factura del pedido {order} a su cuenta de Amazon; la encontrará en «Mis pedidos».",
            "{?notamazon}Adjuntamos la factura con IVA de su pedido {order}.",
        ],
        // product_question
        &["{answer_q}", "Con mucho gusto: {answer_q}"],
        // assembly
        &[
            "Así se instala: primero fije el soporte con los tornillos incluidos, después conecte los cables (marrón a L, azul a N, verde-amarillo a tierra) y coloque la pantalla al final. Corte antes la corriente en el cuadro.",
            "Le adjuntamos las instrucciones paso a paso. Lo importante es colocar la pantalla al final; si no, el anillo no se puede apretar.",
        ],
        // warranty
        &[
            "Nuestros artículos tienen dos años de garantía, así que su compra del {date} está cubierta. Le enviamos un recambio gratis; no hace falta devolver el defectuoso.",
        ],
        // payment
        &[
            "Lo hemos comprobado: el pedido {order} solo se cobró una vez. El segundo movimiento es una preautorización del banco que desaparecerá sola en unos días.",
            "Tiene razón, se cobró dos veces. Le reembolsamos {amount} el {refund_date}, transacción {refund_id}.",
        ],
        // feedback
        &[
            "Gracias por su opinión sincera. Sentimos que no haya quedado satisfecho; hemos trasladado sus comentarios al equipo del almacén para que no vuelva a pasar.",
        ],
        // complaint
        &[
            "Sentimos de verdad haberle decepcionado; no es el servicio que queremos ofrecer. Como disculpa le hemos reembolsado el 10 % del precio.",
        ],
        // other
        &[
            "Hemos pasado su consulta a la compañera responsable, que le responderá mañana como muy tarde.",
            "¡Por supuesto, hecho!",
        ],
    ],
    ans_courtesy: &[
        "ya le hemos respondido en detalle {via} sobre su pedido {order}; allí encontrará toda la información. Para no duplicar, seguimos la conversación allí.",
        "ya contestamos a su consulta sobre el pedido {order} {via}. Por favor, consulte esa respuesta; seguimos con el caso.",
    ],
    ans_close: &[
        "Un saludo,\n{agent}\nAtención al cliente de Lumen & Linde",
        "Atentamente,\n{agent}, de Lumen & Linde",
        "Un cordial saludo,\n{agent}\nEl equipo de Lumen & Linde",
    ],
    link: " Puede seguirlo aquí: {url}",
};
