import type { SecretRule } from "../../types.js";
import { adyenApiKey } from "./adyen.js";
import { gocardlessAccessToken, mollieApiKey, plaidSecret } from "./banking.js";
import { braintreeAccessToken, braintreePrivateKey, braintreeSandboxAccessToken, paypalClientSecret } from "./braintree.js";
import { coinbaseApiSecret } from "./coinbase.js";
import { flutterwaveSecretKey, flutterwaveTestSecretKey } from "./flutterwave.js";
import { paystackSecretKey, paystackTestSecretKey } from "./paystack.js";
import { razorpayKeySecret } from "./razorpay.js";
import { SHOPIFY_RULES } from "./shopify.js";
import { squareAccessToken, squareApplicationSecret } from "./square.js";
import { STRIPE_RULES } from "./stripe.js";

/** Payments and commerce: Stripe, Square, PayPal/Braintree, Shopify, Adyen, Paystack, Flutterwave… */
export const PAYMENT_RULES: readonly SecretRule[] = [
  ...STRIPE_RULES,
  paystackSecretKey,
  paystackTestSecretKey,
  squareAccessToken,
  squareApplicationSecret,
  braintreeAccessToken,
  braintreeSandboxAccessToken,
  paypalClientSecret,
  braintreePrivateKey,
  ...SHOPIFY_RULES,
  adyenApiKey,
  razorpayKeySecret,
  flutterwaveSecretKey,
  flutterwaveTestSecretKey,
  coinbaseApiSecret,
  plaidSecret,
  gocardlessAccessToken,
  mollieApiKey,
];
