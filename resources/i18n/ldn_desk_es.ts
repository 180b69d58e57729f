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
        <translation>Aceptar dosis de menos de {marks} marcas de jeringa</translation>
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
        <translation>Médico prescriptor:</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source>Hold selected step</source>
        <translation>Mantener el paso elegido</translation>
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
        <translation>Volver atrás desde</translation>
    </message>
    <message>
        <source>From this day, go back to the previous dose for one interval, then up again</source>
        <translation>Desde este día, volver a la dosis anterior durante un intervalo y después subir de nuevo</translation>
    </message>
    <message>
        <source>Halve from</source>
        <translation>Reducir a la mitad desde</translation>
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
        <translation>Mantener durante:</translation>
    </message>
    <message>
        <source>Side effects:</source>
        <translation>Efectos adversos:</translation>
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
        <translation>Lo que la etiqueta indica al paciente, p. ej. Tome 1.5 mL al acostarse</translation>
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
        <translation>Cápsulas de más elaboradas:</translation>
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
        <translation>Densidad del principio activo:</translation>
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
        <translation>p. ej. Farmacia del Río</translation>
    </message>
    <message>
        <source>e.g. 12 High Street · 01234 567890</source>
        <translation>p. ej. Calle Mayor 12 · 910 000 000</translation>
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
        <translation>Volver a abrir el plan guardado de un paciente, p. ej. en la consulta de revisión</translation>
    </message>
    <message>
        <source>Review visit…</source>
        <translation>Consulta de revisión…</translation>
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
        <translation>Guardar archivo de calendario (.ics)…</translation>
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
        <translation>Guardar como PDF…</translation>
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
        <translation>Dibujar líneas de corte (papel normal)</translation>
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
        <translation>Sin segunda concentración</translation>
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
        <source>BUD: {date} (no component expiry comes before it).</source>
        <translation>Fecha límite de uso (BUD): {date} (ningún componente caduca antes).</translation>
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
        <translation>Guardar como PDF…</translation>
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
</context>
</TS>
