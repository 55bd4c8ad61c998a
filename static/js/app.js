// Behaviour loaded on every page as a module script (allowed by the content security policy).
import { initAll } from '../govuk/govuk-frontend.min.js'

initAll()
