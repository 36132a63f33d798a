// Must be the first import of the entry. Zod decides per object schema, when the schema is built,
// whether to compile a fast path with `new Function`; under our CSP that probe is reported as a
// violation. jitless skips it, and it has to be set before shared/contract/ builds its schemas.
import { z } from 'zod'

z.config({ jitless: true })
