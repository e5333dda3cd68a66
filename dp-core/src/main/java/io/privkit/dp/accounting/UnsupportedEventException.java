package io.privkit.dp.accounting;

/**
 * An accountant cannot account for an event (a combination it has no sound analysis for, such as
 * Poisson sampling under the replace-one relation). The message names the event and what to do.
 */
public class UnsupportedEventException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param event what could not be accounted
     * @param what  a phrase naming the unsupported combination
     * @param fix   one sentence on what to do instead
     */
    public UnsupportedEventException(DpEvent event, String what, String fix) {
        super("dpEvent must be an event this accountant supports; got " + what + " (" + event.describe().kind() + "). " + fix);
    }
}
