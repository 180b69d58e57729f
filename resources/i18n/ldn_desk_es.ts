<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>LDN Desk</name>
    <message>
        <source>Custom steps</source>
        <translation>Pasos personalizados</translation>
    </message>
    <message>
        <source>Start at:</source>
        <translation>Empezar con:</translation>
    </message>
    <message>
        <source>Rise by:</source>
        <translation>Subir:</translation>
    </message>
    <message>
        <source>Every:</source>
        <translation>Cada:</translation>
    </message>
    <message>
        <source>Up to:</source>
        <translation>Hasta:</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Protocol:</source>
        <translation>Protocolo:</translation>
    </message>
    <message>
        <source>Start date:</source>
        <translation>Fecha de inicio:</translation>
    </message>
    <message>
        <source>Taken:</source>
        <translation>Se toma:</translation>
    </message>
    <message>
        <source>Length:</source>
        <translation>Duración:</translation>
    </message>
    <message>
        <source>Strength:</source>
        <translation>Concentración:</translation>
    </message>
    <message>
        <source>Vehicle:</source>
        <translation>Vehículo:</translation>
    </message>
    <message>
        <source>Capsules:</source>
        <translation>Cápsulas:</translation>
    </message>
    <message>
        <source>What the patient takes</source>
        <translation>Qué toma el paciente</translation>
    </message>
    <message>
        <source>Form:</source>
        <translation>Forma:</translation>
    </message>
    <message>
        <source>Handout</source>
        <translation>Hoja para el paciente</translation>
    </message>
    <message>
        <source>patient's name</source>
        <translation>nombre del paciente</translation>
    </message>
    <message>
        <source>The patient's language, for the handout</source>
        <translation>Idioma del paciente, para la hoja informativa</translation>
    </message>
    <message>
        <source>prescriber (optional)</source>
        <translation>médico prescriptor (opcional)</translation>
    </message>
    <message>
        <source>Large print</source>
        <translation>Letra grande</translation>
    </message>
    <message>
        <source>Accept doses under {marks} syringe marks</source>
        <translation>Admitir dosis de menos de {marks} marcas</translation>
    </message>
    <message>
        <source>Print a step whose volume fills fewer marks than a patient can measure precisely; the handout flags it</source>
        <translation>Imprimir un paso cuyo volumen ocupa menos marcas de las que un paciente puede medir con precisión; la hoja lo señala</translation>
    </message>
    <message>
        <source>Accept more than {count} capsules a dose</source>
        <translation>Aceptar más de {count} cápsulas por dosis</translation>
    </message>
    <message>
        <source>Print a step of many capsules a dose; the handout flags it</source>
        <translation>Imprimir un paso de muchas cápsulas por dosis; la hoja lo señala</translation>
    </message>
    <message>
        <source>Patient:</source>
        <translation>Paciente:</translation>
    </message>
    <message>
        <source>Prescriber:</source>
        <translation>Prescriptor:</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source>Hold selected step</source>
        <translation>Mantener el paso</translation>
    </message>
    <message>
        <source>Keep the selected step's dose longer; later steps move later</source>
        <translation>Mantener más tiempo la dosis del paso elegido; los pasos siguientes se retrasan</translation>
    </message>
    <message>
        <source>day </source>
        <translation>día </translation>
    </message>
    <message>
        <source>Step back from</source>
        <translation>Bajar desde</translation>
    </message>
    <message>
        <source>From this day, go back to the previous dose for one interval, then up again</source>
        <translation>Desde este día, volver a la dosis anterior durante un intervalo y después subir de nuevo</translation>
    </message>
    <message>
        <source>Halve from</source>
        <translation>Mitad desde</translation>
    </message>
    <message>
        <source>From this day, half the dose for one interval, then climb again through the plan's doses</source>
        <translation>Desde este día, la mitad de la dosis durante un intervalo y después subir de nuevo por las dosis del plan</translation>
    </message>
    <message>
        <source>Undo all changes</source>
        <translation>Deshacer todos los cambios</translation>
    </message>
    <message>
        <source>Change the plan</source>
        <translation>Cambiar el plan</translation>
    </message>
    <message>
        <source>Hold for:</source>
        <translation>Mantener:</translation>
    </message>
    <message>
        <source>Side effects:</source>
        <translation>Mal tolerado:</translation>
    </message>
    <message>
        <source>Record and label</source>
        <translation>Registro y etiqueta</translation>
    </message>
    <message>
        <source>The patient's language, for the label</source>
        <translation>Idioma del paciente, para la etiqueta</translation>
    </message>
    <message>
        <source>Rx number</source>
        <translation>número de receta</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>opcional</translation>
    </message>
    <message>
        <source>What the label tells the patient, e.g. Take 1.5 mL at bedtime</source>
        <translation>Lo que la etiqueta indica al paciente, por ejemplo Tome 1.5 mL al acostarse</translation>
    </message>
    <message>
        <source>Rx number:</source>
        <translation>Número de receta:</translation>
    </message>
    <message>
        <source>Directions:</source>
        <translation>Instrucciones:</translation>
    </message>
    <message>
        <source>Compounded by:</source>
        <translation>Elaborado por:</translation>
    </message>
    <message>
        <source>Checked by:</source>
        <translation>Revisado por:</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Lote</translation>
    </message>
    <message>
        <source>Volume:</source>
        <translation>Volumen:</translation>
    </message>
    <message>
        <source>Compounded on:</source>
        <translation>Fecha de elaboración:</translation>
    </message>
    <message>
        <source>Drug</source>
        <translation>Principio activo</translation>
    </message>
    <message>
        <source>Made from:</source>
        <translation>Elaborado a partir de:</translation>
    </message>
    <message>
        <source>Tablet strength:</source>
        <translation>Dosis de los comprimidos:</translation>
    </message>
    <message>
        <source>Assay (potency):</source>
        <translation>Riqueza (potencia):</translation>
    </message>
    <message>
        <source>Water content:</source>
        <translation>Contenido en agua:</translation>
    </message>
    <message>
        <source>Powder is the:</source>
        <translation>El polvo es:</translation>
    </message>
    <message>
        <source>Prescription</source>
        <translation>Prescripción</translation>
    </message>
    <message>
        <source>Capsules to dispense:</source>
        <translation>Cápsulas a dispensar:</translation>
    </message>
    <message>
        <source>Extra capsules made:</source>
        <translation>Cápsulas adicionales:</translation>
    </message>
    <message>
        <source>Fill</source>
        <translation>Llenado</translation>
    </message>
    <message>
        <source>Capsule size:</source>
        <translation>Tamaño de cápsula:</translation>
    </message>
    <message>
        <source>Filler:</source>
        <translation>Excipiente:</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>Método:</translation>
    </message>
    <message>
        <source>Fill per capsule:</source>
        <translation>Llenado por cápsula:</translation>
    </message>
    <message>
        <source>Drug density:</source>
        <translation>Densidad del fármaco:</translation>
    </message>
    <message>
        <source>Naltrexone powder</source>
        <translation>Naltrexona en polvo</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>e.g. Riverside Pharmacy</source>
        <translation>por ejemplo Farmacia del Río</translation>
    </message>
    <message>
        <source>e.g. 12 High Street · 01234 567890</source>
        <translation>por ejemplo Calle Mayor 12 · 910 000 000</translation>
    </message>
    <message>
        <source>Automatic for this region ({paper})</source>
        <translation>Automático para esta región ({paper})</translation>
    </message>
    <message>
        <source>Automatic: the usual sheet for the paper size</source>
        <translation>Automático: la hoja habitual para el tamaño de papel</translation>
    </message>
    <message>
        <source>Oral syringes the pharmacy dispenses</source>
        <translation>Jeringas orales que dispensa la farmacia</translation>
    </message>
    <message>
        <source>{capacity} syringe, marks every {marks}</source>
        <translation>Jeringa de {capacity}, marcas cada {marks}</translation>
    </message>
    <message>
        <source>Read a comma as the decimal separator (4,5 mg = 4.5 mg)</source>
        <translation>Leer la coma como separador decimal (4,5 mg = 4.5 mg)</translation>
    </message>
    <message>
        <source>Automatic: the system's language</source>
        <translation>Automático: el idioma del sistema</translation>
    </message>
    <message>
        <source>A new language shows when LDN Desk is started again.</source>
        <translation>El nuevo idioma se muestra al volver a abrir LDN Desk.</translation>
    </message>
    <message>
        <source>Clinic or pharmacy name:</source>
        <translation>Nombre de la clínica o farmacia:</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>Contacto:</translation>
    </message>
    <message>
        <source>Paper size:</source>
        <translation>Tamaño de papel:</translation>
    </message>
    <message>
        <source>Label layout:</source>
        <translation>Formato de etiqueta:</translation>
    </message>
    <message>
        <source>Balance minimum weighable quantity:</source>
        <translation>Cantidad mínima pesable de la balanza:</translation>
    </message>
    <message>
        <source>Language of the program:</source>
        <translation>Idioma del programa:</translation>
    </message>
    <message>
        <source>Correct the balance entry before saving.</source>
        <translation>Corrija el dato de la balanza antes de guardar.</translation>
    </message>
    <message>
        <source>Choose at least one syringe.</source>
        <translation>Elija al menos una jeringa.</translation>
    </message>
    <message>
        <source>Choose a record to see it in full</source>
        <translation>Elija un registro para verlo completo</translation>
    </message>
    <message>
        <source>Latest versions only</source>
        <translation>Solo las últimas versiones</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>Compounded:</source>
        <translation>Elaborado:</translation>
    </message>
    <message>
        <source>Reprint…</source>
        <translation>Reimprimir…</translation>
    </message>
    <message>
        <source>The record's PDF exactly as first printed: preview, print or save</source>
        <translation>El PDF del registro tal como se imprimió la primera vez: vista previa, imprimir o guardar</translation>
    </message>
    <message>
        <source>Recalculate…</source>
        <translation>Recalcular…</translation>
    </message>
    <message>
        <source>Work the recipe out with today's program and show what differs from the saved record</source>
        <translation>Recalcular la fórmula con el programa actual y mostrar en qué difiere del registro guardado</translation>
    </message>
    <message>
        <source>Amend…</source>
        <translation>Corregir…</translation>
    </message>
    <message>
        <source>Save a corrected version with the reason; this version is kept</source>
        <translation>Guardar una versión corregida con el motivo; esta versión se conserva</translation>
    </message>
    <message>
        <source>Sign off…</source>
        <translation>Firmar…</translation>
    </message>
    <message>
        <source>The checker signs the draft; it is final from then on</source>
        <translation>Quien revisa firma el borrador; a partir de entonces es definitivo</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Backup…</source>
        <translation>Copia de seguridad…</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Restaurar…</translation>
    </message>
    <message>
        <source>Save as the next version of the plan opened</source>
        <translation>Guardar como la siguiente versión del plan abierto</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Edit history:</source>
        <translation>Historial de cambios:</translation>
    </message>
    <message>
        <source>Saved plans</source>
        <translation>Planes guardados</translation>
    </message>
    <message>
        <source>Save plan…</source>
        <translation>Guardar plan…</translation>
    </message>
    <message>
        <source>Keep this plan, with its changes, for the patient</source>
        <translation>Guardar este plan, con sus cambios, para el paciente</translation>
    </message>
    <message>
        <source>Open plan…</source>
        <translation>Abrir plan…</translation>
    </message>
    <message>
        <source>Reopen a patient's saved plan, e.g. at the review visit</source>
        <translation>Volver a abrir el plan guardado de un paciente, por ejemplo en la consulta de revisión</translation>
    </message>
    <message>
        <source>Review visit…</source>
        <translation>Revisión…</translation>
    </message>
    <message>
        <source>Enter the diary, see dose and response, record the decision</source>
        <translation>Anotar el diario, ver dosis y respuesta, registrar la decisión</translation>
    </message>
    <message>
        <source>Review summary (saved plan)</source>
        <translation>Resumen de la revisión (plan guardado)</translation>
    </message>
    <message>
        <source>Save calendar file (.ics)…</source>
        <translation>Guardar calendario (.ics)…</translation>
    </message>
    <message>
        <source>The plan as all-day reminders for the patient's phone: one per dose change and the review</source>
        <translation>El plan como recordatorios de día completo para el teléfono del paciente: uno por cada cambio de dosis y la revisión</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Sin guardar</translation>
    </message>
    <message>
        <source>Save to log…</source>
        <translation>Guardar en el registro…</translation>
    </message>
    <message>
        <source>Save this recipe as a draft compounding record, with makers, lots and weights</source>
        <translation>Guardar esta fórmula como borrador de registro de elaboración, con responsables, lotes y pesos</translation>
    </message>
    <message>
        <source>Start a new log</source>
        <translation>Empezar un registro nuevo</translation>
    </message>
    <message>
        <source>Restore a backup…</source>
        <translation>Restaurar una copia de seguridad…</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>The balance's minimum weighable quantity comes from Settings (Ctrl+,).</source>
        <translation>La cantidad mínima pesable de la balanza se toma de la Configuración (Ctrl+,).</translation>
    </message>
    <message>
        <source>Lot:</source>
        <translation>Lote:</translation>
    </message>
    <message>
        <source>Save {name} as PDF</source>
        <translation>Guardar {name} como PDF</translation>
    </message>
    <message>
        <source>Could not save {file}: {error}</source>
        <translation>No se pudo guardar {file}: {error}</translation>
    </message>
    <message>
        <source>Print {name}</source>
        <translation>Imprimir {name}</translation>
    </message>
    <message>
        <source>Preview — {name}</source>
        <translation>Vista previa — {name}</translation>
    </message>
    <message>
        <source>{name}: {pages} page</source>
        <translation>{name}: {pages} página</translation>
    </message>
    <message>
        <source>{name}: {pages} pages</source>
        <translation>{name}: {pages} páginas</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Guardar PDF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Compounding record (as first printed)</source>
        <translation>Registro de elaboración (tal como se imprimió)</translation>
    </message>
    <message>
        <source>Compounding record</source>
        <translation>Registro de elaboración</translation>
    </message>
    <message>
        <source>Container label</source>
        <translation>Etiqueta del envase</translation>
    </message>
    <message>
        <source>Master formulation record</source>
        <translation>Protocolo normalizado de elaboración</translation>
    </message>
    <message>
        <source>Patient handout</source>
        <translation>Hoja informativa para el paciente</translation>
    </message>
    <message>
        <source>Identifier:</source>
        <translation>Identificador:</translation>
    </message>
    <message>
        <source>date of birth or clinic identifier (optional)</source>
        <translation>fecha de nacimiento o identificador de la clínica (opcional)</translation>
    </message>
    <message>
        <source>Print (Ctrl+P)</source>
        <translation>Imprimir (Ctrl+P)</translation>
    </message>
    <message>
        <source>Save as PDF (Ctrl+S)</source>
        <translation>Guardar como PDF (Ctrl+S)</translation>
    </message>
    <message>
        <source>Signatures and audit trail</source>
        <translation>Firmas y registro de auditoría</translation>
    </message>
    <message>
        <source>How many labels to print</source>
        <translation>Cuántas etiquetas imprimir</translation>
    </message>
    <message>
        <source>label </source>
        <translation>etiqueta </translation>
    </message>
    <message>
        <source>On a part-used sheet: the first free label, counted across then down</source>
        <translation>En una hoja ya empezada: la primera etiqueta libre, contando de izquierda a derecha y de arriba abajo</translation>
    </message>
    <message>
        <source>Draw cut lines (plain paper)</source>
        <translation>Líneas de corte (papel normal)</translation>
    </message>
    <message>
        <source>Copies:</source>
        <translation>Copias:</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>Hoja:</translation>
    </message>
    <message>
        <source>Sign as {meaning}…</source>
        <translation>Firmar como {meaning}…</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Firmado</translation>
    </message>
    <message>
        <source>prepared</source>
        <translation>elaborado</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>verificado</translation>
    </message>
    <message>
        <source>released</source>
        <translation>liberado</translation>
    </message>
    <message>
        <source>Your password signs the record; the signature shows your name, the time and its meaning</source>
        <translation>Su contraseña firma el registro; la firma muestra su nombre, la hora y su significado</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>Buscar:</translation>
    </message>
    <message>
        <source>List all</source>
        <translation>Mostrar todos</translation>
    </message>
    <message>
        <source>Correct name…</source>
        <translation>Corregir el nombre…</translation>
    </message>
    <message>
        <source>Pick the date from a calendar</source>
        <translation>Elegir la fecha en un calendario</translation>
    </message>
    <message>
        <source>Then:</source>
        <translation>Después:</translation>
    </message>
    <message>
        <source>No second strength</source>
        <translation>Misma concentración</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Obligatorio</translation>
    </message>
    <message>
        <source>required</source>
        <translation>obligatorio</translation>
    </message>
    <message>
        <source>required, still empty</source>
        <translation>obligatorio, aún vacío</translation>
    </message>
    <message>
        <source>Required fields still missing</source>
        <translation>Campos obligatorios que faltan</translation>
    </message>
    <message>
        <source>Still needed: {fields}</source>
        <translation>Falta: {fields}</translation>
    </message>
    <message>
        <source>About LDN Desk</source>
        <translation>Acerca de LDN Desk</translation>
    </message>
    <message>
        <source>
&lt;h2&gt;Using LDN Desk&lt;/h2&gt;
&lt;p&gt;Pick a job on the left (or press Ctrl+1 to Ctrl+4). Type amounts with their unit,
for example &lt;b&gt;4.5 mg&lt;/b&gt;, &lt;b&gt;100 mcg&lt;/b&gt;, &lt;b&gt;1 mg/mL&lt;/b&gt;, &lt;b&gt;100 mL&lt;/b&gt;, &lt;b&gt;7 days&lt;/b&gt;.
Dates are written year-month-day, for example &lt;b&gt;2026-12-01&lt;/b&gt;.&lt;/p&gt;
&lt;p&gt;An entry that cannot be read is marked with an icon and the reason in words; no result is
shown until it is corrected. Warnings stand next to the results with an icon and words.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Titration plan&lt;/b&gt;: a protocol from the library, or your own start, step, interval and
target; what the patient measures at each step; Hold and Step back change the plan.
&lt;b&gt;Liquid&lt;/b&gt; and &lt;b&gt;Capsules&lt;/b&gt;: the recipe, steps, beyond-use date and any aliquot procedure;
&lt;b&gt;Save to log&lt;/b&gt; keeps it as a draft compounding record with each ingredient's maker and lot.
&lt;b&gt;Log&lt;/b&gt;: find records by patient, date, lot (a recall) or Rx number; reprint one exactly as first
printed, sign it off, or amend it (a new version with the reason; nothing is ever deleted).
Save plan and Open plan on the Titration page keep a patient's plan with its changes.&lt;/p&gt;
&lt;p&gt;Preview shows the handout, compounding record or label; print it with Ctrl+P or save it as
a PDF with Ctrl+S. Settings (Ctrl+,) hold the clinic's name and contact, paper size, syringes,
balance and label layout.&lt;/p&gt;
</source>
        <translation>
&lt;h2&gt;Cómo usar LDN Desk&lt;/h2&gt;
&lt;p&gt;Elija una tarea a la izquierda (o pulse Ctrl+1 a Ctrl+4). Escriba las cantidades con su unidad,
por ejemplo &lt;b&gt;4.5 mg&lt;/b&gt;, &lt;b&gt;100 mcg&lt;/b&gt;, &lt;b&gt;1 mg/mL&lt;/b&gt;, &lt;b&gt;100 mL&lt;/b&gt;, &lt;b&gt;7 días&lt;/b&gt;.
Las fechas se escriben año-mes-día, por ejemplo &lt;b&gt;2026-12-01&lt;/b&gt;.&lt;/p&gt;
&lt;p&gt;Un dato que no se puede leer se marca con un icono y el motivo en palabras; no se muestra ningún
resultado hasta que se corrige. Las advertencias aparecen junto a los resultados con un icono y palabras.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Plan de ajuste de dosis&lt;/b&gt;: un protocolo de la biblioteca, o su propio inicio, aumento, intervalo y
dosis objetivo; lo que el paciente mide en cada paso; Mantener y Volver atrás cambian el plan.
&lt;b&gt;Líquido&lt;/b&gt; y &lt;b&gt;Cápsulas&lt;/b&gt;: la fórmula, los pasos, la fecha límite de uso y cualquier procedimiento
de alícuota; &lt;b&gt;Guardar en el registro&lt;/b&gt; la guarda como borrador de registro de elaboración con el
fabricante y el lote de cada componente.
&lt;b&gt;Registro&lt;/b&gt;: busque registros por paciente, fecha, lote (una retirada) o número de receta; reimprima uno
exactamente como se imprimió la primera vez, fírmelo o corríjalo (una nueva versión con el motivo; nunca se
borra nada). Guardar plan y Abrir plan en la página del plan de ajuste de dosis conservan el plan de un
paciente con sus cambios.&lt;/p&gt;
&lt;p&gt;La vista previa muestra la hoja para el paciente, el registro de elaboración o la etiqueta; imprímala con
Ctrl+P o guárdela como PDF con Ctrl+S. La Configuración (Ctrl+,) guarda el nombre y el contacto de la clínica,
el tamaño de papel, las jeringas, la balanza y el formato de etiqueta.&lt;/p&gt;
</translation>
    </message>
    <message>
        <source>LDN Desk Help</source>
        <translation>Ayuda de LDN Desk</translation>
    </message>
    <message>
        <source>Low-dose naltrexone compounding recipes and titration plans, offline.</source>
        <translation>Fórmulas magistrales de naltrexona en dosis bajas y planes de ajuste de dosis, sin conexión.</translation>
    </message>
    <message>
        <source>LDN Desk is a calculation aid. Every result must be checked by the pharmacist or prescriber before it is used.</source>
        <translation>LDN Desk es una ayuda para el cálculo. El farmacéutico o el médico prescriptor debe comprobar cada resultado antes de usarlo.</translation>
    </message>
    <message>
        <source>Where the data comes from</source>
        <translation>De dónde proceden los datos</translation>
    </message>
    <message>
        <source>the {page} page</source>
        <translation>la página {page}</translation>
    </message>
    <message>
        <source>Titration plan</source>
        <translation>Plan de ajuste de dosis</translation>
    </message>
    <message>
        <source>Liquid</source>
        <translation>Líquido</translation>
    </message>
    <message>
        <source>Capsules</source>
        <translation>Cápsulas</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>who compounded</source>
        <translation>quién lo elaboró</translation>
    </message>
    <message>
        <source>who checked (optional)</source>
        <translation>quién lo revisó (opcional)</translation>
    </message>
    <message>
        <source>patient identifier</source>
        <translation>identificador del paciente</translation>
    </message>
    <message>
        <source>prescriber</source>
        <translation>médico prescriptor</translation>
    </message>
    <message>
        <source>label directions</source>
        <translation>instrucciones de la etiqueta</translation>
    </message>
    <message>
        <source>why, e.g. wrong lot number entered</source>
        <translation>motivo, por ejemplo se anotó un número de lote equivocado</translation>
    </message>
    <message>
        <source>Ingredients</source>
        <translation>Componentes</translation>
    </message>
    <message>
        <source>Save to log</source>
        <translation>Guardar en el registro</translation>
    </message>
    <message>
        <source>Sign off now as the checker (final from then on)</source>
        <translation>Firmar ahora como revisor (definitivo desde entonces)</translation>
    </message>
    <message>
        <source>Patient identifier:</source>
        <translation>Identificador del paciente:</translation>
    </message>
    <message>
        <source>Beyond-use date with the chosen lots</source>
        <translation>Fecha límite de uso con los lotes elegidos</translation>
    </message>
    <message>
        <source>Choose a lot on hand where there is one, or enter each ingredient's maker, lot and expiry (2027-03-31 or 2027-03) and the amount really weighed or measured (e.g. 15.2 mg, 100 mL, 2 tablets). The record is saved as a draft; it can be completed by an amendment and signed off later.</source>
        <translation>Elija un lote en existencia cuando lo haya, o anote el fabricante, el lote y la caducidad de cada componente (2027-03-31 o 2027-03) y la cantidad realmente pesada o medida (por ejemplo 15.2 mg, 100 mL, 2 comprimidos). El registro se guarda como borrador; puede completarse con una corrección y firmarse más tarde.</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>Guardar borrador</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Motivo:</translation>
    </message>
    <message>
        <source>Save new version</source>
        <translation>Guardar nueva versión</translation>
    </message>
    <message>
        <source>Ingredient</source>
        <translation>Componente</translation>
    </message>
    <message>
        <source>Recipe amount</source>
        <translation>Cantidad de la fórmula</translation>
    </message>
    <message>
        <source>Maker</source>
        <translation>Fabricante</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Lote</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>Caducidad</translation>
    </message>
    <message>
        <source>Actual amount</source>
        <translation>Cantidad real</translation>
    </message>
    <message>
        <source>Lot on hand</source>
        <translation>Lote en existencia</translation>
    </message>
    <message>
        <source>(none: type maker, lot and expiry)</source>
        <translation>(ninguno: escriba fabricante, lote y caducidad)</translation>
    </message>
    <message>
        <source>Amend record {record}</source>
        <translation>Corregir el registro {record}</translation>
    </message>
    <message>
        <source>Saves version {version} of this record; this version is kept as it is. A signed record needs a reason.</source>
        <translation>Guarda la versión {version} de este registro; esta versión se conserva tal como está. Un registro firmado necesita un motivo.</translation>
    </message>
    <message>
        <source>Not saved — {reason}</source>
        <translation>Sin guardar — {reason}</translation>
    </message>
    <message>
        <source>Lot on hand for {ingredient}</source>
        <translation>Lote en existencia de {ingredient}</translation>
    </message>
    <message>
        <source>Export the records shown as CSV</source>
        <translation>Exportar los registros mostrados como CSV</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>Exportado</translation>
    </message>
    <message>
        <source>Back up the log</source>
        <translation>Hacer una copia de seguridad del registro</translation>
    </message>
    <message>
        <source>LDN Desk log (*.sqlite3)</source>
        <translation>Registro de LDN Desk (*.sqlite3)</translation>
    </message>
    <message>
        <source>Backup made</source>
        <translation>Copia de seguridad hecha</translation>
    </message>
    <message>
        <source>The log is a shared database, used by every workstation: it is never replaced from one of them. A backup of it restores on a single PC (choose This computer in Settings → Log first); a single-PC log moves to an empty shared database with `ldn-desk log move --to URL`.</source>
        <translation>El registro es una base de datos compartida, que usan todos los puestos de trabajo: nunca se sustituye desde uno de ellos. Una copia de seguridad suya se restaura en un solo ordenador (elija primero Este ordenador en Configuración → Registro); un registro de un solo ordenador se traslada a una base de datos compartida vacía con `ldn-desk log move --to URL`.</translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>No restaurado</translation>
    </message>
    <message>
        <source>Restore a backup of the log</source>
        <translation>Restaurar una copia de seguridad del registro</translation>
    </message>
    <message>
        <source>LDN Desk log (*.sqlite3);;All files (*)</source>
        <translation>Registro de LDN Desk (*.sqlite3);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>Copia de seguridad restaurada</translation>
    </message>
    <message>
        <source>The previous log was kept as</source>
        <translation>El registro anterior se conservó como</translation>
    </message>
    <message>
        <source>Start a new, empty compounding log? The current file is kept, moved aside under a new name.</source>
        <translation>¿Empezar un registro de elaboración nuevo y vacío? El archivo actual se conserva, apartado con otro nombre.</translation>
    </message>
    <message>
        <source>No new log</source>
        <translation>Ningún registro nuevo</translation>
    </message>
    <message>
        <source>New log started</source>
        <translation>Registro nuevo empezado</translation>
    </message>
    <message>
        <source>A new, empty log was started.</source>
        <translation>Se empezó un registro nuevo y vacío.</translation>
    </message>
    <message>
        <source>The previous file was kept as</source>
        <translation>El archivo anterior se conservó como</translation>
    </message>
    <message>
        <source>Restore an older backup?</source>
        <translation>¿Restaurar una copia de seguridad más antigua?</translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation>No exportado</translation>
    </message>
    <message>
        <source>Exported {records} records ({rows} rows, one per ingredient) to {file}</source>
        <translation>Se exportaron {records} registros ({rows} filas, una por componente) a {file}</translation>
    </message>
    <message>
        <source>No backup made</source>
        <translation>No se hizo la copia de seguridad</translation>
    </message>
    <message>
        <source>Backup written and checked: {file} ({records} records, {plans} plans).</source>
        <translation>Copia de seguridad escrita y comprobada: {file} ({records} registros, {plans} planes).</translation>
    </message>
    <message>
        <source>The log now holds the backup {file}.</source>
        <translation>El registro contiene ahora la copia de seguridad {file}.</translation>
    </message>
    <message>
        <source>The backup {file} lacks what the log now holds: restoring it would drop {lost} from the log.

They are not deleted: the current log is kept under a dated name beside it. Restore the backup anyway?</source>
        <translation>A la copia de seguridad {file} le falta lo que el registro contiene ahora: restaurarla quitaría del registro {lost}.

No se borran: el registro actual se conserva a su lado con un nombre fechado. ¿Restaurar la copia de seguridad de todos modos?</translation>
    </message>
    <message>
        <source>Same calculation today</source>
        <translation>Hoy da el mismo cálculo</translation>
    </message>
    <message>
        <source>Calculated differently today</source>
        <translation>Hoy se calcula de otra forma</translation>
    </message>
    <message>
        <source>Printed again, not the first print</source>
        <translation>Impreso de nuevo, no es la primera impresión</translation>
    </message>
    <message>
        <source>Compounding record {record}</source>
        <translation>Registro de elaboración {record}</translation>
    </message>
    <message>
        <source>Cannot recalculate</source>
        <translation>No se puede recalcular</translation>
    </message>
    <message>
        <source>Cannot reprint</source>
        <translation>No se puede reimprimir</translation>
    </message>
    <message>
        <source>Sign off record {record}</source>
        <translation>Firmar el registro {record}</translation>
    </message>
    <message>
        <source>Not signed off</source>
        <translation>Sin firmar</translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation>Sin firmar</translation>
    </message>
    <message>
        <source>Record {record} is prepared, verified and released.</source>
        <translation>El registro {record} está elaborado, verificado y liberado.</translation>
    </message>
    <message>
        <source>The compounding log cannot be opened</source>
        <translation>No se puede abrir el registro de elaboración</translation>
    </message>
    <message>
        <source>The compounding log is damaged</source>
        <translation>El registro de elaboración está dañado</translation>
    </message>
    <message>
        <source>The log file is not an LDN Desk log</source>
        <translation>El archivo no es un registro de LDN Desk</translation>
    </message>
    <message>
        <source>The log was written by a newer LDN Desk</source>
        <translation>El registro lo escribió una versión más reciente de LDN Desk</translation>
    </message>
    <message>
        <source>BUD with these lots: {date}</source>
        <translation>Fecha límite de uso con estos lotes: {date}</translation>
    </message>
    <message>
        <source>There is no recipe to save yet: correct the marked entries first.</source>
        <translation>Todavía no hay ninguna fórmula que guardar: corrija primero los datos marcados.</translation>
    </message>
    <message>
        <source>From the certificate of lot {lot}; choose no lot to type it</source>
        <translation>Del certificado del lote {lot}; elija ningún lote para escribirlo</translation>
    </message>
    <message>
        <source> (capped: {ingredient} expires then)</source>
        <translation> (limitada: {ingredient} caduca entonces)</translation>
    </message>
    <message>
        <source>. Powder lot {lot}: assay {assay} %, water {water} %, {salt}, from its certificate; the recipe is worked out with them</source>
        <translation>. Lote de polvo {lot}: riqueza {assay} %, agua {water} %, {salt}, de su certificado; la fórmula se calcula con ellos</translation>
    </message>
    <message>
        <source>Sign it as prepared, then a pharmacist verifies it, on the Log page.</source>
        <translation>Fírmelo como elaborado; después un farmacéutico lo verifica, en la página Registro.</translation>
    </message>
    <message>
        <source>These lots cannot be used: {error}</source>
        <translation>Estos lotes no se pueden usar: {error}</translation>
    </message>
    <message>
        <source>Saved as record {record}. It is on the Log page (Ctrl+4).</source>
        <translation>Guardado como registro {record}. Está en la página Registro (Ctrl+4).</translation>
    </message>
    <message>
        <source>It was not signed off: {error}</source>
        <translation>No se firmó: {error}</translation>
    </message>
    <message>
        <source>the plan</source>
        <translation>el plan</translation>
    </message>
    <message>
        <source>Save the calendar file</source>
        <translation>Guardar el archivo de calendario</translation>
    </message>
    <message>
        <source>Calendar (*.ics)</source>
        <translation>Calendario (*.ics)</translation>
    </message>
    <message>
        <source>No calendar</source>
        <translation>Sin calendario</translation>
    </message>
    <message>
        <source>There is no plan yet: correct the marked entries first.</source>
        <translation>Todavía no hay ningún plan: corrija primero los datos marcados.</translation>
    </message>
    <message>
        <source>Cannot make the calendar</source>
        <translation>No se puede crear el calendario</translation>
    </message>
    <message>
        <source>Calendar not saved</source>
        <translation>Calendario sin guardar</translation>
    </message>
    <message>
        <source>why, e.g. pain no lower at 4.5 mg, vivid dreams</source>
        <translation>motivo, por ejemplo el dolor no baja con 4.5 mg, sueños vívidos</translation>
    </message>
    <message>
        <source>prescriber's name (recorded as typed, not verified)</source>
        <translation>nombre del médico prescriptor (se guarda tal como se escribe, sin verificar)</translation>
    </message>
    <message>
        <source>with an increase: new target, e.g. 6 mg (empty: one step)</source>
        <translation>si se aumenta: nueva dosis objetivo, por ejemplo 6 mg (vacío: un paso)</translation>
    </message>
    <message>
        <source>review date, YYYY-MM-DD</source>
        <translation>fecha de la revisión, AAAA-MM-DD</translation>
    </message>
    <message>
        <source>Decision:</source>
        <translation>Decisión:</translation>
    </message>
    <message>
        <source>Increase to:</source>
        <translation>Aumentar hasta:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Fecha:</translation>
    </message>
    <message>
        <source>Dose and diary over the weeks</source>
        <translation>Dosis y diario a lo largo de las semanas</translation>
    </message>
    <message>
        <source>Review messages</source>
        <translation>Mensajes de la revisión</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Semana</translation>
    </message>
    <message>
        <source>Side effects</source>
        <translation>Efectos adversos</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Diary, one row a week</source>
        <translation>Diario, una fila por semana</translation>
    </message>
    <message>
        <source>Save diary weeks</source>
        <translation>Guardar las semanas del diario</translation>
    </message>
    <message>
        <source>Each changed week is saved as the plan's next version</source>
        <translation>Cada semana cambiada se guarda como la siguiente versión del plan</translation>
    </message>
    <message>
        <source>Mean at each dose</source>
        <translation>Media con cada dosis</translation>
    </message>
    <message>
        <source>Mean over the weeks spent wholly at each dose; weeks not written and empty measures are left out (n: the weeks counted). Words are scored by their place on the diary, 1 the first word. This describes what was recorded, not what caused it.</source>
        <translation>Media de las semanas pasadas enteras con cada dosis; se excluyen las semanas no anotadas y las medidas vacías (n: las semanas contadas). Las palabras se puntúan por su lugar en el diario, 1 la primera palabra. Esto describe lo que se anotó, no lo que lo causó.</translation>
    </message>
    <message>
        <source>Record the decision</source>
        <translation>Registrar la decisión</translation>
    </message>
    <message>
        <source>The decision</source>
        <translation>La decisión</translation>
    </message>
    <message>
        <source>Save the review summary PDF…</source>
        <translation>Guardar el PDF del resumen de la revisión…</translation>
    </message>
    <message>
        <source>the signed-in prescriber (Team ▸ Switch user); password asked on recording</source>
        <translation>el médico prescriptor con sesión iniciada (Equipo ▸ Cambiar de usuario); se pide la contraseña al registrar</translation>
    </message>
    <message>
        <source>This log has users: the decision is recorded as the signed-in prescriber or pharmacist, verified with the password (Team ▸ Switch user changes who is working)</source>
        <translation>Este registro tiene usuarios: la decisión se registra a nombre del médico prescriptor o farmacéutico con sesión iniciada, verificada con la contraseña (Equipo ▸ Cambiar de usuario cambia quién trabaja)</translation>
    </message>
    <message>
        <source>No week changed.</source>
        <translation>No cambió ninguna semana.</translation>
    </message>
    <message>
        <source>Review summary</source>
        <translation>Resumen de la revisión</translation>
    </message>
    <message>
        <source>Daily dose</source>
        <translation>Dosis diaria</translation>
    </message>
    <message>
        <source>Diary as the patient wrote it (empty: not written):</source>
        <translation>Diario tal como lo escribió el paciente (vacío: no anotado):</translation>
    </message>
    <message>
        <source>Mean at each dose:</source>
        <translation>Media con cada dosis:</translation>
    </message>
    <message>
        <source>Dose</source>
        <translation>Dosis</translation>
    </message>
    <message>
        <source>Weeks</source>
        <translation>Semanas</translation>
    </message>
    <message>
        <source>No decision recorded for this phase yet.</source>
        <translation>Todavía no se ha registrado ninguna decisión para esta fase.</translation>
    </message>
    <message>
        <source>The trial is stopped.</source>
        <translation>La prueba está suspendida.</translation>
    </message>
    <message>
        <source>Saved {count} diary week.</source>
        <translation>Se guardó {count} semana del diario.</translation>
    </message>
    <message>
        <source>Saved {count} diary weeks.</source>
        <translation>Se guardaron {count} semanas del diario.</translation>
    </message>
    <message>
        <source>Save the diary weeks first: the decision is made on the saved diary.</source>
        <translation>Guarde primero las semanas del diario: la decisión se toma sobre el diario guardado.</translation>
    </message>
    <message>
        <source>Review visit — plan {plan}</source>
        <translation>Consulta de revisión — plan {plan}</translation>
    </message>
    <message>
        <source>Plan {plan}, version {version} ({change}), for {patient}: {protocol} from {start}, review due {due}.</source>
        <translation>Plan {plan}, versión {version} ({change}), para {patient}: {protocol} desde {start}, revisión prevista el {due}.</translation>
    </message>
    <message>
        <source>Saved as version {version}. The Titration page now shows the next phase; print its handout there.</source>
        <translation>Guardado como versión {version}. La página del plan de ajuste de dosis muestra ahora la fase siguiente; imprima allí su hoja para el paciente.</translation>
    </message>
    <message>
        <source>Cannot make the review summary</source>
        <translation>No se puede crear el resumen de la revisión</translation>
    </message>
    <message>
        <source>Dose and diary over {weeks} weeks. {rows}</source>
        <translation>Dosis y diario a lo largo de {weeks} semanas. {rows}</translation>
    </message>
    <message>
        <source>{user} ({role}), signed in: your password is asked on recording</source>
        <translation>{user} ({role}), con sesión iniciada: se le pedirá la contraseña al registrar</translation>
    </message>
    <message>
        <source>Now: {steps}.</source>
        <translation>Ahora: {steps}.</translation>
    </message>
    <message>
        <source>Last decision ({date}): {decision}. Reason: {reason}. Prescriber: {prescriber}. {follow}</source>
        <translation>Última decisión ({date}): {decision}. Motivo: {reason}. Médico prescriptor: {prescriber}. {follow}</translation>
    </message>
    <message>
        <source>Decision not saved: no password given.</source>
        <translation>Decisión sin guardar: no se dio la contraseña.</translation>
    </message>
    <message>
        <source>{measure}: {scale}; leave empty when not written</source>
        <translation>{measure}: {scale}; déjelo vacío si no se anotó</translation>
    </message>
    <message>
        <source>Week {week} not saved: {error}</source>
        <translation>Semana {week} sin guardar: {error}</translation>
    </message>
    <message>
        <source>Decision not saved: {error}</source>
        <translation>Decisión sin guardar: {error}</translation>
    </message>
    <message>
        <source>, then </source>
        <translation>; después, </translation>
    </message>
    <message>
        <source>part of a name or identifier</source>
        <translation>parte de un nombre o identificador</translation>
    </message>
    <message>
        <source>and identifier (optional)</source>
        <translation>e identificador (opcional)</translation>
    </message>
    <message>
        <source>Save plan</source>
        <translation>Guardar plan</translation>
    </message>
    <message>
        <source>Open a saved plan</source>
        <translation>Abrir un plan guardado</translation>
    </message>
    <message>
        <source>Any part of the patient's name or identifier, e.g. lee or 1961</source>
        <translation>Cualquier parte del nombre o identificador del paciente, por ejemplo ruiz o 1961</translation>
    </message>
    <message>
        <source>Every saved plan, newest first</source>
        <translation>Todos los planes guardados, el más reciente primero</translation>
    </message>
    <message>
        <source>Correct the patient's name on the chosen plan (kept in its history)</source>
        <translation>Corregir el nombre del paciente en el plan elegido (queda en su historial)</translation>
    </message>
    <message>
        <source>Edit history</source>
        <translation>Historial de cambios</translation>
    </message>
    <message>
        <source>Correct the patient's name</source>
        <translation>Corregir el nombre del paciente</translation>
    </message>
    <message>
        <source>Choose a plan first.</source>
        <translation>Elija primero un plan.</translation>
    </message>
    <message>
        <source>No plans saved yet.</source>
        <translation>Todavía no hay planes guardados.</translation>
    </message>
    <message>
        <source>{count} saved plan</source>
        <translation>{count} plan guardado</translation>
    </message>
    <message>
        <source>{count} saved plans</source>
        <translation>{count} planes guardados</translation>
    </message>
    <message>
        <source>plan</source>
        <translation>plan</translation>
    </message>
    <message>
        <source>opening another plan</source>
        <translation>abrir otro plan</translation>
    </message>
    <message>
        <source>Plan calculated differently</source>
        <translation>Plan calculado de otra forma</translation>
    </message>
    <message>
        <source>The plan now works out differently from when it was saved (the protocol library or this program has changed). Check every step before using it.</source>
        <translation>El plan se calcula ahora de forma distinta a cuando se guardó (ha cambiado la biblioteca de protocolos o este programa). Compruebe cada paso antes de usarlo.</translation>
    </message>
    <message>
        <source>Name on plan {plan}:</source>
        <translation>Nombre en el plan {plan}:</translation>
    </message>
    <message>
        <source>No saved plans match.</source>
        <translation>Ningún plan guardado coincide.</translation>
    </message>
    <message>
        <source>Version {version}, saved {when}: {change}</source>
        <translation>Versión {version}, guardada {when}: {change}</translation>
    </message>
    <message>
        <source>Plan {plan}, version {version} ({change}), for {patient}</source>
        <translation>Plan {plan}, versión {version} ({change}), para {patient}</translation>
    </message>
    <message>
        <source>Plan not saved</source>
        <translation>Plan sin guardar</translation>
    </message>
    <message>
        <source>Plan not opened</source>
        <translation>Plan sin abrir</translation>
    </message>
    <message>
        <source>{patient} — plan {plan}: {name}, from {start} — version {version} ({change}), saved {when}</source>
        <translation>{patient} — plan {plan}: {name}, desde {start} — versión {version} ({change}), guardada {when}</translation>
    </message>
    <message>
        <source>This saved plan cannot be read: {error}</source>
        <translation>No se puede leer este plan guardado: {error}</translation>
    </message>
    <message>
        <source>the draft record on the {page} page</source>
        <translation>el borrador de registro de la página {page}</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>Servidor:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Puerto:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Base de datos:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Usuario:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Contraseña:</translation>
    </message>
    <message>
        <source>This computer (a file in the data folder)</source>
        <translation>Este ordenador (un archivo en la carpeta de datos)</translation>
    </message>
    <message>
        <source>Shared database (PostgreSQL), for several workstations</source>
        <translation>Base de datos compartida (PostgreSQL), para varios puestos de trabajo</translation>
    </message>
    <message>
        <source>e.g. pharmacy-server</source>
        <translation>por ejemplo servidor-farmacia</translation>
    </message>
    <message>
        <source>e.g. pharmacy</source>
        <translation>por ejemplo farmacia</translation>
    </message>
    <message>
        <source>kept in the system keyring, never in the settings</source>
        <translation>se guarda en el llavero del sistema, nunca en la configuración</translation>
    </message>
    <message>
        <source>Leave the password empty to keep the one saved before. It is kept in the operating system's keyring where there is one.</source>
        <translation>Deje la contraseña vacía para conservar la guardada antes. Se guarda en el llavero del sistema operativo cuando lo hay.</translation>
    </message>
    <message>
        <source>Log: {error}</source>
        <translation>Registro: {error}</translation>
    </message>
    <message>
        <source>technician</source>
        <translation>técnico</translation>
    </message>
    <message>
        <source>pharmacist</source>
        <translation>farmacéutico</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>administrador</translation>
    </message>
    <message>
        <source>a technician</source>
        <translation>un técnico</translation>
    </message>
    <message>
        <source>a pharmacist</source>
        <translation>un farmacéutico</translation>
    </message>
    <message>
        <source>a prescriber</source>
        <translation>un médico prescriptor</translation>
    </message>
    <message>
        <source>an administrator</source>
        <translation>un administrador</translation>
    </message>
    <message>
        <source>save draft records</source>
        <translation>guardar borradores de registro</translation>
    </message>
    <message>
        <source>sign a record as prepared</source>
        <translation>firmar un registro como elaborado</translation>
    </message>
    <message>
        <source>receive lots</source>
        <translation>recibir lotes</translation>
    </message>
    <message>
        <source>quarantine lots</source>
        <translation>poner lotes en cuarentena</translation>
    </message>
    <message>
        <source>verify records</source>
        <translation>verificar registros</translation>
    </message>
    <message>
        <source>release records</source>
        <translation>liberar registros</translation>
    </message>
    <message>
        <source>correct signed records</source>
        <translation>corregir registros firmados</translation>
    </message>
    <message>
        <source>approve formulas</source>
        <translation>aprobar fórmulas</translation>
    </message>
    <message>
        <source>approve lots</source>
        <translation>aprobar lotes</translation>
    </message>
    <message>
        <source>recall lots</source>
        <translation>retirar lotes</translation>
    </message>
    <message>
        <source>save plans</source>
        <translation>guardar planes</translation>
    </message>
    <message>
        <source>read the log</source>
        <translation>consultar el registro</translation>
    </message>
    <message>
        <source>received</source>
        <translation>recibido</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>aprobado</translation>
    </message>
    <message>
        <source>quarantined</source>
        <translation>en cuarentena</translation>
    </message>
    <message>
        <source>recalled</source>
        <translation>retirado</translation>
    </message>
    <message>
        <source>superseded</source>
        <translation>sustituido</translation>
    </message>
    <message>
        <source>tablets</source>
        <translation>comprimidos</translation>
    </message>
    <message>
        <source>powder</source>
        <translation>polvo</translation>
    </message>
    <message>
        <source>excipient</source>
        <translation>excipiente</translation>
    </message>
    <message>
        <source>Who is working?</source>
        <translation>¿Quién está trabajando?</translation>
    </message>
    <message>
        <source>Sign in with your name and password.</source>
        <translation>Inicie sesión con su nombre y contraseña.</translation>
    </message>
    <message>
        <source>Your password records the decision as yours: your printed name, role and the time are saved with the plan's next version.</source>
        <translation>Su contraseña registra la decisión como suya: su nombre, su función y la hora se guardan con la siguiente versión del plan.</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Sin sesión iniciada</translation>
    </message>
    <message>
        <source>password</source>
        <translation>contraseña</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nombre:</translation>
    </message>
    <message>
        <source>nobody is signed in: choose Team ▸ Switch user… first</source>
        <translation>nadie ha iniciado sesión: elija primero Equipo ▸ Cambiar de usuario…</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Usuarios</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>Añadir usuario…</translation>
    </message>
    <message>
        <source>Disable…</source>
        <translation>Desactivar…</translation>
    </message>
    <message>
        <source>Enable…</source>
        <translation>Activar…</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Añadir usuario</translation>
    </message>
    <message>
        <source>Enable user</source>
        <translation>Activar usuario</translation>
    </message>
    <message>
        <source>Disable user</source>
        <translation>Desactivar usuario</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>Lotes</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Aprobar</translation>
    </message>
    <message>
        <source>Quarantine…</source>
        <translation>Poner en cuarentena…</translation>
    </message>
    <message>
        <source>Recall…</source>
        <translation>Retirar…</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>N.º</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>En existencia</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Formulas</source>
        <translation>Fórmulas</translation>
    </message>
    <message>
        <source>Approve this version</source>
        <translation>Aprobar esta versión</translation>
    </message>
    <message>
        <source>Formula</source>
        <translation>Fórmula</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Your password approves this version of the formula.</source>
        <translation>Su contraseña aprueba esta versión de la fórmula.</translation>
    </message>
    <message>
        <source>No users yet</source>
        <translation>Todavía no hay usuarios</translation>
    </message>
    <message>
        <source>This log has no users: records are signed with a typed name. An administrator adds users in Team ▸ Users….</source>
        <translation>Este registro no tiene usuarios: los registros se firman con un nombre escrito. Un administrador añade usuarios en Equipo ▸ Usuarios….</translation>
    </message>
    <message>
        <source>Sign record {record} as {meaning}</source>
        <translation>Firmar el registro {record} como {meaning}</translation>
    </message>
    <message>
        <source>Your password signs record {record} as {meaning}; the signature shows your printed name, the date and time and its meaning.</source>
        <translation>Su contraseña firma el registro {record} como {meaning}; la firma muestra su nombre, la fecha y la hora y su significado.</translation>
    </message>
    <message>
        <source>Record the review decision on plan {plan}</source>
        <translation>Registrar la decisión de la revisión del plan {plan}</translation>
    </message>
    <message>
        <source> or </source>
        <translation> o </translation>
    </message>
    <message>
        <source>Initials</source>
        <translation>Iniciales</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <source>at least 8 characters</source>
        <translation>al menos 8 caracteres</translation>
    </message>
    <message>
        <source>Working: {user}</source>
        <translation>Trabajando: {user}</translation>
    </message>
    <message>
        <source>Only {roles} may {permission}</source>
        <translation>Solo {roles} puede {permission}</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Rechazado</translation>
    </message>
    <message>
        <source>Initials:</source>
        <translation>Iniciales:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Función:</translation>
    </message>
    <message>
        <source>Quarantine lot {lot}</source>
        <translation>Poner en cuarentena el lote {lot}</translation>
    </message>
    <message>
        <source>Recall list: lot {lot}</source>
        <translation>Lista de retirada: lote {lot}</translation>
    </message>
    <message>
        <source>draft (not approved)</source>
        <translation>borrador (sin aprobar)</translation>
    </message>
    <message>
        <source>Approve {formula} version {version}</source>
        <translation>Aprobar {formula} versión {version}</translation>
    </message>
    <message>
        <source>active</source>
        <translation>activo</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>desactivado</translation>
    </message>
    <message>
        <source>changed since approval: needs a new version</source>
        <translation>cambiada desde su aprobación: necesita una versión nueva</translation>
    </message>
    <message>
        <source>Recall lot {lot}</source>
        <translation>Retirar el lote {lot}</translation>
    </message>
    <message>
        <source>{state} by {user}, {time}</source>
        <translation>{state} por {user}, {time}</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Cambios sin guardar</translation>
    </message>
    <message>
        <source>{what} has changes that are not saved. Save them before {doing}?</source>
        <translation>{what} tiene cambios sin guardar. ¿Desea guardarlos antes de {doing}?</translation>
    </message>
    <message>
        <source>Saved to log</source>
        <translation>Guardado en el registro</translation>
    </message>
    <message>
        <source>Nothing to save</source>
        <translation>Nada que guardar</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Carta</translation>
    </message>
    <message>
        <source>e.g. {example}</source>
        <translation>por ejemplo {example}</translation>
    </message>
    <message>
        <source>{hint} (optional)</source>
        <translation>{hint} (opcional)</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>, replaced by {record}</source>
        <translation>, sustituido por {record}</translation>
    </message>
    <message>
        <source>Corrected: record {record} is the newer version</source>
        <translation>Corregido: el registro {record} es la versión más reciente</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Medida</translation>
    </message>
    <message>
        <source>; not for a patient as written, see the warnings</source>
        <translation>; no apto para un paciente tal como está, vea las advertencias</translation>
    </message>
    <message>
        <source>Not for a patient as written (not measurable, too few marks or too many capsules): see the warnings</source>
        <translation>No apto para un paciente tal como está (no se puede medir, muy pocas marcas o demasiadas cápsulas): vea las advertencias</translation>
    </message>
    <message>
        <source>{days}, from {start}: {dose} {time}</source>
        <translation>{days}, desde el {start}: {dose} {time}</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>Calculating…</source>
        <translation>Calculando…</translation>
    </message>
    <message>
        <source>No result until the marked entries are corrected</source>
        <translation>No hay resultado hasta que se corrijan los datos marcados</translation>
    </message>
    <message>
        <source>Cannot calculate this</source>
        <translation>No se puede calcular</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Resultados</translation>
    </message>
    <message>
        <source>Not read</source>
        <translation>No leído</translation>
    </message>
    <message>
        <source>Suggest from the fill</source>
        <translation>Sugerir según el llenado</translation>
    </message>
    <message>
        <source>Volume and bulk density</source>
        <translation>Volumen y densidad aparente</translation>
    </message>
    <message>
        <source>Calibrated fill of this filler lot</source>
        <translation>Llenado calibrado de este lote de excipiente</translation>
    </message>
    <message>
        <source>Size {name}</source>
        <translation>Tamaño {name}</translation>
    </message>
    <message>
        <source>Tablets</source>
        <translation>Comprimidos</translation>
    </message>
    <message>
        <source>Naltrexone powder (API)</source>
        <translation>Naltrexona en polvo (principio activo)</translation>
    </message>
    <message>
        <source>Compounding records</source>
        <translation>Registros de elaboración</translation>
    </message>
    <message>
        <source>Checking the log's records and their chain…</source>
        <translation>Comprobando los registros y su cadena…</translation>
    </message>
    <message>
        <source>No records match.</source>
        <translation>Ningún registro coincide.</translation>
    </message>
    <message>
        <source>No records yet.</source>
        <translation>Todavía no hay registros.</translation>
    </message>
    <message>
        <source>{count} record, newest first</source>
        <translation>{count} registro, el más reciente primero</translation>
    </message>
    <message>
        <source>{count} records, newest first</source>
        <translation>{count} registros, el más reciente primero</translation>
    </message>
    <message>
        <source> (scroll for more)</source>
        <translation> (desplácese para ver más)</translation>
    </message>
    <message>
        <source>No records yet: use Save to log on the Liquid or Capsules page.</source>
        <translation>Todavía no hay registros: use Guardar en el registro en la página Líquido o Cápsulas.</translation>
    </message>
    <message>
        <source>Not searched — {error}</source>
        <translation>Sin buscar — {error}</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protocolo</translation>
    </message>
    <message>
        <source>Custom: start, step, every, target</source>
        <translation>Personalizado: inicio, subida, cada, hasta</translation>
    </message>
    <message>
        <source>runs on (e.g. 16 weeks)</source>
        <translation>duración (por ejemplo 16 semanas)</translation>
    </message>
    <message>
        <source>At bedtime</source>
        <translation>Al acostarse</translation>
    </message>
    <message>
        <source>In the morning</source>
        <translation>Por la mañana</translation>
    </message>
    <message>
        <source>Liquid strength</source>
        <translation>Concentración del líquido</translation>
    </message>
    <message>
        <source>Suggested by the advisor</source>
        <translation>Sugerida por el asesor</translation>
    </message>
    <message>
        <source>These strengths:</source>
        <translation>Estas dosis:</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>Vehículo</translation>
    </message>
    <message>
        <source>Second strength</source>
        <translation>Segunda concentración</translation>
    </message>
    <message>
        <source>Second strength from day</source>
        <translation>Segunda concentración desde el día</translation>
    </message>
    <message>
        <source>from day </source>
        <translation>día </translation>
    </message>
    <message>
        <source>Plan steps</source>
        <translation>Pasos del plan</translation>
    </message>
    <message>
        <source>Measure (two bottles)</source>
        <translation>Medida (dos frascos)</translation>
    </message>
    <message>
        <source>Measure of {strength}</source>
        <translation>Medida de {strength}</translation>
    </message>
    <message>
        <source>Capsules of {strengths}</source>
        <translation>Cápsulas de {strengths}</translation>
    </message>
    <message>
        <source>Hydrochloride (HCl)</source>
        <translation>Hidrocloruro (HCl)</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>Base</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Caution</source>
        <translation>Precaución</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Advertencia</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Avisos</translation>
    </message>
    <message>
        <source>Not calculated</source>
        <translation>Sin calcular</translation>
    </message>
    <message>
        <source>Dose over time</source>
        <translation>Dosis a lo largo del tiempo</translation>
    </message>
    <message>
        <source>Label sheet</source>
        <translation>Hoja de etiquetas</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Días</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Empieza</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Compounded</source>
        <translation>Elaborado</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Rx</source>
        <translation>Receta</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <source>Date dispensed:</source>
        <translation>Fecha de dispensación:</translation>
    </message>
    <message>
        <source>Date dispensed</source>
        <translation>Fecha de dispensación</translation>
    </message>
    <message>
        <source>Expiry of {name}</source>
        <translation>Caducidad de {name}</translation>
    </message>
    <message>
        <source>BUD: {date}</source>
        <translation>Fecha límite de uso (BUD): {date}</translation>
    </message>
    <message>
        <source>BUD: {date} (no component expiry comes before it).</source>
        <translation>Fecha límite de uso (BUD): {date} (ningún componente caduca antes).</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>BUD</source>
        <translation>Fecha límite de uso</translation>
    </message>
    <message>
        <source>Compounded by</source>
        <translation>Elaborado por</translation>
    </message>
    <message>
        <source>e.g. 2026-12-02 (optional)</source>
        <translation>por ejemplo 2026-12-02 (opcional)</translation>
    </message>
    <message>
        <source>e.g. 2027-03-31 or 2027-03</source>
        <translation>por ejemplo 2027-03-31 o 2027-03</translation>
    </message>
    <message>
        <source>{field}: pick from a calendar</source>
        <translation>{field}: elegir en un calendario</translation>
    </message>
    <message>
        <source>from date</source>
        <translation>fecha inicial</translation>
    </message>
    <message>
        <source>to date</source>
        <translation>fecha final</translation>
    </message>
    <message>
        <source>{count} × {tablet} tablet → {volume} of {strength}</source>
        <translation>{count} comprimido de {tablet} → {volume} de {strength}</translation>
    </message>
    <message>
        <source>{count} × {tablet} tablets → {volume} of {strength}</source>
        <translation>{count} comprimidos de {tablet} → {volume} de {strength}</translation>
    </message>
    <message>
        <source>{mass} of powder → {volume} of {strength}</source>
        <translation>{mass} de polvo → {volume} de {strength}</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>Concentración</translation>
    </message>
    <message>
        <source>Batch volume</source>
        <translation>Volumen del lote</translation>
    </message>
    <message>
        <source>Naltrexone HCl in the batch</source>
        <translation>Clorhidrato de naltrexona en el lote</translation>
    </message>
    <message>
        <source>Beyond-use date</source>
        <translation>Fecha límite de uso</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Conservación</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>Envase</translation>
    </message>
    <message>
        <source>Weigh</source>
        <translation>Pesar</translation>
    </message>
    <message>
        <source>{mass} of powder</source>
        <translation>{mass} de polvo</translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation>Preparación</translation>
    </message>
    <message>
        <source>{volume} of {strength}</source>
        <translation>{volume} de {strength}</translation>
    </message>
    <message>
        <source> (by dilution of a {stock} stock)</source>
        <translation> (por dilución de una solución madre de {stock})</translation>
    </message>
    <message>
        <source>Serial dilution: too dilute to make in one step</source>
        <translation>Dilución seriada: demasiado diluida para prepararla en un solo paso</translation>
    </message>
    <message>
        <source>1. Make the stock</source>
        <translation>1. Preparar la solución madre</translation>
    </message>
    <message>
        <source>2. Measure of the stock</source>
        <translation>2. Medir de la solución madre</translation>
    </message>
    <message>
        <source>3. Make up to</source>
        <translation>3. Completar hasta</translation>
    </message>
    <message>
        <source>Stock left over (discard)</source>
        <translation>Sobrante de la solución madre (desechar)</translation>
    </message>
    <message>
        <source>The full procedure is in the steps below.</source>
        <translation>El procedimiento completo está en los pasos siguientes.</translation>
    </message>
    <message>
        <source>Weighings: what the balance shows</source>
        <translation>Pesadas: lo que indica la balanza</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Pasos</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>BUD basis: {source}</source>
        <translation>Fundamento de la fecha límite de uso: {source}</translation>
    </message>
    <message>
        <source>Internal error ({kind}: {error}); please report it.</source>
        <translation>Error interno ({kind}: {error}); por favor, comuníquelo.</translation>
    </message>
    <message>
        <source>size {name}</source>
        <translation>tamaño {name}</translation>
    </message>
    <message>
        <source>size {name}, suggested</source>
        <translation>tamaño {name}, sugerido</translation>
    </message>
    <message>
        <source>Make {capsules} capsules ({size}): {drug} of drug and {filler} of filler in the batch</source>
        <translation>Preparar {capsules} cápsulas ({size}): {drug} de fármaco y {filler} de excipiente en el lote</translation>
    </message>
    <message>
        <source>Make {capsules} capsules ({size}): {drug} of drug and {filler} of filler in the batch; the drug is weighed by aliquot</source>
        <translation>Preparar {capsules} cápsulas ({size}): {drug} de fármaco y {filler} de excipiente en el lote; el fármaco se pesa por alícuota</translation>
    </message>
    <message>
        <source>{low} to {high}</source>
        <translation>de {low} a {high}</translation>
    </message>
    <message>
        <source>Capsules made</source>
        <translation>Cápsulas preparadas</translation>
    </message>
    <message>
        <source>{capsules} ({count} dispensed + {extra} extra)</source>
        <translation>{capsules} ({count} dispensadas + {extra} de más)</translation>
    </message>
    <message>
        <source>Capsule size</source>
        <translation>Tamaño de cápsula</translation>
    </message>
    <message>
        <source>Fill per capsule</source>
        <translation>Llenado por cápsula</translation>
    </message>
    <message>
        <source>Each capsule (±{percent})</source>
        <translation>Cada cápsula (±{percent})</translation>
    </message>
    <message>
        <source>Batch average (±{percent})</source>
        <translation>Promedio del lote (±{percent})</translation>
    </message>
    <message>
        <source>Weighings: what the balance shows (the drug is under the balance's minimum, so it is weighed by dilution in two stages)</source>
        <translation>Pesadas: lo que indica la balanza (el fármaco está por debajo del mínimo de la balanza, así que se pesa por dilución en dos etapas)</translation>
    </message>
    <message>
        <source>Weighings: what the balance shows (the drug is under the balance's minimum, so it is weighed by dilution)</source>
        <translation>Pesadas: lo que indica la balanza (el fármaco está por debajo del mínimo de la balanza, así que se pesa por dilución)</translation>
    </message>
    <message>
        <source>{capacity} syringe ({marks} marks)</source>
        <translation>jeringa de {capacity} (marcas de {marks})</translation>
    </message>
    <message>
        <source>Only {marks} marks: {volume} on the {syringe}</source>
        <translation>Solo {marks} marcas: {volume} en la {syringe}</translation>
    </message>
    <message>
        <source>{volume} on the {syringe}</source>
        <translation>{volume} en la {syringe}</translation>
    </message>
    <message>
        <source>{volume}: not measurable</source>
        <translation>{volume}: no se puede medir</translation>
    </message>
    <message>
        <source>Suggested strength {strength}: {reason}</source>
        <translation>Concentración sugerida {strength}: {reason}</translation>
    </message>
    <message>
        <source>Suggested: {reason}</source>
        <translation>Sugerencia: {reason}</translation>
    </message>
    <message>
        <source>No capsule set suggested: {reason}</source>
        <translation>No se sugiere ningún juego de cápsulas: {reason}</translation>
    </message>
    <message>
        <source>Suggested set: {reason}</source>
        <translation>Juego sugerido: {reason}</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Dosis objetivo</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <source>{date} (day {day})</source>
        <translation>{date} (día {day})</translation>
    </message>
    <message>
        <source>Advisor</source>
        <translation>Recomendación</translation>
    </message>
    <message>
        <source>{total} in {count} fill</source>
        <translation>{total} en {count} dispensación</translation>
    </message>
    <message>
        <source>{total} in {count} fills</source>
        <translation>{total} en {count} dispensaciones</translation>
    </message>
    <message>
        <source>More is needed from {date}.</source>
        <translation>Se necesita más a partir del {date}.</translation>
    </message>
    <message>
        <source>Supply until the review (days 1–{days})</source>
        <translation>Suministro hasta la revisión (días 1–{days})</translation>
    </message>
    <message>
        <source>Supply (days 1–{days})</source>
        <translation>Suministro (días 1–{days})</translation>
    </message>
    <message>
        <source>Changes made</source>
        <translation>Cambios realizados</translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation>Fuente: {source}</translation>
    </message>
    <message>
        <source>{first} to {last} {time}, review {date}</source>
        <translation>De {first} a {last} {time}; revisión el {date}</translation>
    </message>
    <message>
        <source>{steps} step: {headline}</source>
        <translation>{steps} paso: {headline}</translation>
    </message>
    <message>
        <source>{steps} steps: {headline}</source>
        <translation>{steps} pasos: {headline}</translation>
    </message>
    <message>
        <source>No plan until the marked entries are corrected</source>
        <translation>No hay plan hasta que se corrijan los datos marcados</translation>
    </message>
    <message>
        <source>Balance MWQ</source>
        <translation>Cantidad mínima pesable de la balanza</translation>
    </message>
    <message>
        <source>Batch fill</source>
        <translation>Llenado del lote</translation>
    </message>
    <message>
        <source>Capsule volume</source>
        <translation>Volumen de la cápsula</translation>
    </message>
    <message>
        <source>Concentration</source>
        <translation>Concentración</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <source>Drug HCl</source>
        <translation>Fármaco (clorhidrato)</translation>
    </message>
    <message>
        <source>Drug per capsule</source>
        <translation>Fármaco por cápsula</translation>
    </message>
    <message>
        <source>Drug powder</source>
        <translation>Polvo del fármaco</translation>
    </message>
    <message>
        <source>Drug share</source>
        <translation>Proporción de fármaco</translation>
    </message>
    <message>
        <source>Excipient</source>
        <translation>Excipiente</translation>
    </message>
    <message>
        <source>Excipient after aliquot</source>
        <translation>Excipiente tras la alícuota</translation>
    </message>
    <message>
        <source>Excipient name</source>
        <translation>Nombre del excipiente</translation>
    </message>
    <message>
        <source>Excipient per capsule</source>
        <translation>Excipiente por cápsula</translation>
    </message>
    <message>
        <source>Extra</source>
        <translation>De más</translation>
    </message>
    <message>
        <source>Filler density</source>
        <translation>Densidad del excipiente</translation>
    </message>
    <message>
        <source>Formula name</source>
        <translation>Nombre de la fórmula</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Método</translation>
    </message>
    <message>
        <source>Naltrexone HCl</source>
        <translation>Clorhidrato de naltrexona</translation>
    </message>
    <message>
        <source>Potency</source>
        <translation>Valoración</translation>
    </message>
    <message>
        <source>Powder name</source>
        <translation>Nombre del polvo</translation>
    </message>
    <message>
        <source>Powder per capsule</source>
        <translation>Polvo por cápsula</translation>
    </message>
    <message>
        <source>QC average high</source>
        <translation>Control de calidad: promedio máximo</translation>
    </message>
    <message>
        <source>QC average low</source>
        <translation>Control de calidad: promedio mínimo</translation>
    </message>
    <message>
        <source>QC each high</source>
        <translation>Control de calidad: máximo por cápsula</translation>
    </message>
    <message>
        <source>QC each low</source>
        <translation>Control de calidad: mínimo por cápsula</translation>
    </message>
    <message>
        <source>Salt</source>
        <translation>Sal</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Tablet strength</source>
        <translation>Dosis del comprimido</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volumen</translation>
    </message>
    <message>
        <source>Wanted volume</source>
        <translation>Volumen deseado</translation>
    </message>
    <message>
        <source>Water</source>
        <translation>Agua</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vacío)</translation>
    </message>
    <message>
        <source>patient</source>
        <translation>paciente</translation>
    </message>
    <message>
        <source>date compounded</source>
        <translation>fecha de elaboración</translation>
    </message>
    <message>
        <source>compounded by</source>
        <translation>elaborado por</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>tipo</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>maker</source>
        <translation>fabricante</translation>
    </message>
    <message>
        <source>lot</source>
        <translation>lote</translation>
    </message>
    <message>
        <source>expiry</source>
        <translation>caducidad</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>cantidad</translation>
    </message>
    <message>
        <source>ingredient {number} added: {name}</source>
        <translation>componente {number} añadido: {name}</translation>
    </message>
    <message>
        <source>ingredient {number} removed: {name}</source>
        <translation>componente {number} eliminado: {name}</translation>
    </message>
    <message>
        <source>ingredient {number} ({name}) {field}: {old} → {new}</source>
        <translation>componente {number} ({name}), {field}: {old} → {new}</translation>
    </message>
    <message>
        <source>recipe options changed</source>
        <translation>opciones de la preparación cambiadas</translation>
    </message>
    <message>
        <source>results changed</source>
        <translation>resultados cambiados</translation>
    </message>
    <message>
        <source>nothing but the version (no field changed)</source>
        <translation>solo la versión (ningún campo cambió)</translation>
    </message>
    <message>
        <source>signed off by {name} on {when}</source>
        <translation>aprobado por {name} el {when}</translation>
    </message>
    <message>
        <source>draft, not signed off</source>
        <translation>borrador, sin aprobar</translation>
    </message>
    <message>
        <source> — shown</source>
        <translation> — el que se muestra</translation>
    </message>
    <message>
        <source>Version {number} (record {id}), saved {when}, {who}{here}.</source>
        <translation>Versión {number} (registro {id}), guardada el {when}, {who}{here}.</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>sin motivo indicado</translation>
    </message>
    <message>
        <source> Correction ({reason}): {changes}.</source>
        <translation> Corrección ({reason}): {changes}.</translation>
    </message>
    <message>
        <source>No ingredient lines entered.</source>
        <translation>No se anotó ninguna línea de componentes.</translation>
    </message>
    <message>
        <source>signed off</source>
        <translation>aprobado</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>borrador</translation>
    </message>
    <message>
        <source>Record {id}: {kind}, Rx {rx} ({status})</source>
        <translation>Registro {id}: {kind}, receta {rx} ({status})</translation>
    </message>
    <message>
        <source>Corrected: record {id} is the newer version of this record.</source>
        <translation>Corregido: el registro {id} es la versión más reciente de este registro.</translation>
    </message>
    <message>
        <source>Draft: not signed off yet. Sign off once checked; it is final from then on.</source>
        <translation>Borrador: aún sin aprobar. Apruébelo una vez comprobado; desde entonces es definitivo.</translation>
    </message>
    <message>
        <source>kept as first printed (SHA-256 {hash}…)</source>
        <translation>guardado tal como se imprimió la primera vez (SHA-256 {hash}…)</translation>
    </message>
    <message>
        <source>not kept: saved before the log kept printed records, so a reprint is printed again</source>
        <translation>no guardado: se guardó antes de que el registro conservara los documentos impresos, así que una reimpresión se imprime de nuevo</translation>
    </message>
    <message>
        <source>compounded by {name}</source>
        <translation>elaborado por {name}</translation>
    </message>
    <message>
        <source>, checked by {name}</source>
        <translation>, comprobado por {name}</translation>
    </message>
    <message>
        <source>None by a signed-in user: the names on the record were typed ({typed}), unverified</source>
        <translation>Ninguna de un usuario con sesión iniciada: los nombres del registro se escribieron a mano ({typed}), sin verificar</translation>
    </message>
    <message>
        <source> (unverified)</source>
        <translation> (sin verificar)</translation>
    </message>
    <message>
        <source> — reason: {reason}</source>
        <translation> — motivo: {reason}</translation>
    </message>
    <message>
        <source>{when}: {action} ({field}) by {who}{why}</source>
        <translation>{when}: {action} ({field}) por {who}{why}</translation>
    </message>
    <message>
        <source>Compounded on</source>
        <translation>Fecha de elaboración</translation>
    </message>
    <message>
        <source>Checked by</source>
        <translation>Comprobado por</translation>
    </message>
    <message>
        <source>not signed off yet</source>
        <translation>aún sin aprobar</translation>
    </message>
    <message>
        <source>Signed off</source>
        <translation>Aprobado</translation>
    </message>
    <message>
        <source>Printed record</source>
        <translation>Registro impreso</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>Firmas</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versiones</translation>
    </message>
    <message>
        <source>Ingredients, makers and lots</source>
        <translation>Componentes, fabricantes y lotes</translation>
    </message>
    <message>
        <source>Results when saved</source>
        <translation>Resultados al guardar</translation>
    </message>
    <message>
        <source>Recipe options</source>
        <translation>Opciones de la preparación</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Historial de auditoría</translation>
    </message>
    <message>
        <source>{user} ({role}), signed in</source>
        <translation>{user} ({role}), con sesión iniciada</translation>
    </message>
    <message>
        <source>signed-in prescriber (Team ▸ Switch user)</source>
        <translation>prescriptor con sesión iniciada (Equipo ▸ Cambiar de usuario)</translation>
    </message>
    <message>
        <source>Dispensed</source>
        <translation>Dispensado</translation>
    </message>
    <message>
        <source>Surplus discarded</source>
        <translation>Sobrante desechado</translation>
    </message>
    <message>
        <source>{volume} with {measure}</source>
        <translation>{volume} con {measure}</translation>
    </message>
    <message>
        <source>Dispensed volume</source>
        <translation>Volumen dispensado</translation>
    </message>
    <message>
        <source>Surplus</source>
        <translation>Sobrante</translation>
    </message>
    <message>
        <source>Aliquot measure</source>
        <translation>Instrumento con que se mide la parte de la solución madre</translation>
    </message>
    <message>
        <source>A second bottle of another strength from the first day of a step on; the handout calls out the change of bottle</source>
        <translation>Un segundo frasco de otra concentración a partir del primer día de un paso; la hoja para el paciente destaca el cambio de frasco</translation>
    </message>
    <message>
        <source>Day {day}</source>
        <translation>Día {day}</translation>
    </message>
    <message>
        <source>The log was changed outside LDN Desk.</source>
        <translation>El registro se cambió fuera de LDN Desk.</translation>
    </message>
    <message>
        <source>Record {record} is the first that does not match.</source>
        <translation>El registro {record} es el primero que no coincide.</translation>
    </message>
    <message>
        <source>The log could not be checked: {problem}</source>
        <translation>No se ha podido comprobar el registro: {problem}</translation>
    </message>
    <message>
        <source>The log could not be checked ({kind}: {error})</source>
        <translation>No se ha podido comprobar el registro ({kind}: {error})</translation>
    </message>
    <message>
        <source>Log checked at start-up: its rules, its chain of {entries} entries and all {count} records match what LDN Desk saved.</source>
        <translation>Registro comprobado al iniciar: sus reglas, su cadena de {entries} entradas y sus {count} registros coinciden con lo que guardó LDN Desk.</translation>
    </message>
    <message>
        <source>No measure has been recorded in the diary yet: the chart shows the dose only.</source>
        <translation>Aún no se ha registrado ninguna medida en el diario: el gráfico muestra solo la dosis.</translation>
    </message>
    <message>
        <source>Caution: {caution}.</source>
        <translation>Precaución: {caution}.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>Guardar como P&amp;DF…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Páginas</translation>
    </message>
    <message>
        <source>Loading the calculation engines…</source>
        <translation>Cargando los motores de cálculo…</translation>
    </message>
    <message>
        <source>Titration plan</source>
        <translation>Plan de ajuste de dosis</translation>
    </message>
    <message>
        <source>Liquid</source>
        <translation>Líquido</translation>
    </message>
    <message>
        <source>Capsules</source>
        <translation>Cápsulas</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Document:</source>
        <translation>Documento:</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>Vista previa…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Guardar PDF…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>Pre&amp;view…</source>
        <translation>&amp;Vista previa…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Guardar como PDF…</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>&amp;Configuración…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Ir a</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>LDN Desk &amp;Help</source>
        <translation>Ay&amp;uda de LDN Desk</translation>
    </message>
    <message>
        <source>&amp;About LDN Desk</source>
        <translation>&amp;Acerca de LDN Desk</translation>
    </message>
    <message>
        <source>Nothing to print</source>
        <translation>Nada que imprimir</translation>
    </message>
    <message>
        <source>There is no result to print yet: correct the marked entries first.</source>
        <translation>Todavía no hay ningún resultado que imprimir: corrija primero los datos marcados.</translation>
    </message>
    <message>
        <source>Cannot make the document</source>
        <translation>No se puede crear el documento</translation>
    </message>
    <message>
        <source>&amp;Team</source>
        <translation>&amp;Equipo</translation>
    </message>
    <message>
        <source>&amp;Switch user…</source>
        <translation>&amp;Cambiar de usuario…</translation>
    </message>
    <message>
        <source>&amp;Users…</source>
        <translation>&amp;Usuarios…</translation>
    </message>
    <message>
        <source>&amp;Lots…</source>
        <translation>&amp;Lotes…</translation>
    </message>
    <message>
        <source>&amp;Formulas…</source>
        <translation>&amp;Fórmulas…</translation>
    </message>
    <message>
        <source>LDN Desk is a calculation aid. Every result must be checked by the pharmacist or prescriber before it is used.</source>
        <translation>LDN Desk es una ayuda para el cálculo. El farmacéutico o el médico prescriptor debe comprobar cada resultado antes de usarlo.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Cambios sin guardar</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Trabajando</translation>
    </message>
    <message>
        <source>Who is working (Team ▸ Switch user…, Ctrl+U)</source>
        <translation>Quién está trabajando (Equipo ▸ Cambiar de usuario…, Ctrl+U)</translation>
    </message>
    <message>
        <source>Nothing to save</source>
        <translation>Nada que guardar</translation>
    </message>
    <message>
        <source>This page keeps nothing to save.</source>
        <translation>Esta página no tiene nada que guardar.</translation>
    </message>
    <message>
        <source>closing LDN Desk</source>
        <translation>cerrar LDN Desk</translation>
    </message>
    <message>
        <source>Password not kept</source>
        <translation>Contraseña no guardada</translation>
    </message>
    <message>
        <source>Saved {document} to {file}</source>
        <translation>{document} guardado en {file}</translation>
    </message>
    <message>
        <source>Not saved: {what}</source>
        <translation>Sin guardar: {what}</translation>
    </message>
</context>
</TS>
