import type { SecretRule } from "../../types.js";
import { stripeKey } from "./stripe.js";

/** Payments: Stripe, Square, PayPal/Braintree, Shopify… */
export const PAYMENT_RULES: readonly SecretRule[] = [stripeKey];
