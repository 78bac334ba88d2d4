/** The product name: a brand, the same in every language. */
export const PRODUCT_NAME = 'Ortalyq';
