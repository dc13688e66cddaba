import { InvalidRequestError } from '../errors.js';

/**
 * An outbound request that failed: refused by the outbound rule (`OutboundNotAllowed`), unanswered
 * within the retry budget (`RemoteUnavailable`), too slow (`RemoteTimeout`), too large
 * (`RemoteTooLarge`), redirected in circles (`RemoteRedirectLoop`) or not JSON (`RemoteInvalidJson`).
 * A 400 when it reaches a client: the URL they gave cannot be read.
 */
export class OutboundError extends InvalidRequestError {}
