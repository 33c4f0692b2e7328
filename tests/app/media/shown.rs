//! Where images appear: the featured image, the claim's screenshots, the explanation.
