console.log('leaky-app: every secret in this image is fake');
