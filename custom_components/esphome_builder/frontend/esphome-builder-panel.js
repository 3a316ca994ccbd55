// ESPHome Builder panel. Generated from frontend/src by frontend/build.mjs: do not edit.
var tt=Object.defineProperty;var it=Object.getOwnPropertyDescriptor;var l=(o,t,e,i)=>{for(var r=i>1?void 0:i?it(t,e):t,s=o.length-1,n;s>=0;s--)(n=o[s])&&(r=(i?n(t,e,r):n(r))||r);return i&&r&&tt(t,e,r),r};var se=globalThis,ne=se.ShadowRoot&&(se.ShadyCSS===void 0||se.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,he=Symbol(),Ce=new WeakMap,G=class{constructor(t,e,i){if(this._$cssResult$=!0,i!==he)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=t,this.t=e}get styleSheet(){let t=this.o,e=this.t;if(ne&&t===void 0){let i=e!==void 0&&e.length===1;i&&(t=Ce.get(e)),t===void 0&&((this.o=t=new CSSStyleSheet).replaceSync(this.cssText),i&&Ce.set(e,t))}return t}toString(){return this.cssText}},Ee=o=>new G(typeof o=="string"?o:o+"",void 0,he),_=(o,...t)=>{let e=o.length===1?o[0]:t.reduce((i,r,s)=>i+(n=>{if(n._$cssResult$===!0)return n.cssText;if(typeof n=="number")return n;throw Error("Value passed to 'css' function must be a 'css' function result: "+n+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(r)+o[s+1],o[0]);return new G(e,o,he)},je=(o,t)=>{if(ne)o.adoptedStyleSheets=t.map(e=>e instanceof CSSStyleSheet?e:e.styleSheet);else for(let e of t){let i=document.createElement("style"),r=se.litNonce;r!==void 0&&i.setAttribute("nonce",r),i.textContent=e.cssText,o.appendChild(i)}},ue=ne?o=>o:o=>o instanceof CSSStyleSheet?(t=>{let e="";for(let i of t.cssRules)e+=i.cssText;return Ee(e)})(o):o;var{is:rt,defineProperty:ot,getOwnPropertyDescriptor:st,getOwnPropertyNames:nt,getOwnPropertySymbols:at,getPrototypeOf:lt}=Object,ae=globalThis,Le=ae.trustedTypes,ct=Le?Le.emptyScript:"",dt=ae.reactiveElementPolyfillSupport,Y=(o,t)=>o,B={toAttribute(o,t){switch(t){case Boolean:o=o?ct:null;break;case Object:case Array:o=o==null?o:JSON.stringify(o)}return o},fromAttribute(o,t){let e=o;switch(t){case Boolean:e=o!==null;break;case Number:e=o===null?null:Number(o);break;case Object:case Array:try{e=JSON.parse(o)}catch{e=null}}return e}},le=(o,t)=>!rt(o,t),Me={attribute:!0,type:String,converter:B,reflect:!1,useDefault:!1,hasChanged:le};Symbol.metadata??=Symbol("metadata"),ae.litPropertyMetadata??=new WeakMap;var E=class extends HTMLElement{static addInitializer(t){this._$Ei(),(this.l??=[]).push(t)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(t,e=Me){if(e.state&&(e.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(t)&&((e=Object.create(e)).wrapped=!0),this.elementProperties.set(t,e),!e.noAccessor){let i=Symbol(),r=this.getPropertyDescriptor(t,i,e);r!==void 0&&ot(this.prototype,t,r)}}static getPropertyDescriptor(t,e,i){let{get:r,set:s}=st(this.prototype,t)??{get(){return this[e]},set(n){this[e]=n}};return{get:r,set(n){let p=r?.call(this);s?.call(this,n),this.requestUpdate(t,p,i)},configurable:!0,enumerable:!0}}static getPropertyOptions(t){return this.elementProperties.get(t)??Me}static _$Ei(){if(this.hasOwnProperty(Y("elementProperties")))return;let t=lt(this);t.finalize(),t.l!==void 0&&(this.l=[...t.l]),this.elementProperties=new Map(t.elementProperties)}static finalize(){if(this.hasOwnProperty(Y("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(Y("properties"))){let e=this.properties,i=[...nt(e),...at(e)];for(let r of i)this.createProperty(r,e[r])}let t=this[Symbol.metadata];if(t!==null){let e=litPropertyMetadata.get(t);if(e!==void 0)for(let[i,r]of e)this.elementProperties.set(i,r)}this._$Eh=new Map;for(let[e,i]of this.elementProperties){let r=this._$Eu(e,i);r!==void 0&&this._$Eh.set(r,e)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(t){let e=[];if(Array.isArray(t)){let i=new Set(t.flat(1/0).reverse());for(let r of i)e.unshift(ue(r))}else t!==void 0&&e.push(ue(t));return e}static _$Eu(t,e){let i=e.attribute;return i===!1?void 0:typeof i=="string"?i:typeof t=="string"?t.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(t=>this.enableUpdating=t),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(t=>t(this))}addController(t){(this._$EO??=new Set).add(t),this.renderRoot!==void 0&&this.isConnected&&t.hostConnected?.()}removeController(t){this._$EO?.delete(t)}_$E_(){let t=new Map,e=this.constructor.elementProperties;for(let i of e.keys())this.hasOwnProperty(i)&&(t.set(i,this[i]),delete this[i]);t.size>0&&(this._$Ep=t)}createRenderRoot(){let t=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return je(t,this.constructor.elementStyles),t}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(t=>t.hostConnected?.())}enableUpdating(t){}disconnectedCallback(){this._$EO?.forEach(t=>t.hostDisconnected?.())}attributeChangedCallback(t,e,i){this._$AK(t,i)}_$ET(t,e){let i=this.constructor.elementProperties.get(t),r=this.constructor._$Eu(t,i);if(r!==void 0&&i.reflect===!0){let s=(i.converter?.toAttribute!==void 0?i.converter:B).toAttribute(e,i.type);this._$Em=t,s==null?this.removeAttribute(r):this.setAttribute(r,s),this._$Em=null}}_$AK(t,e){let i=this.constructor,r=i._$Eh.get(t);if(r!==void 0&&this._$Em!==r){let s=i.getPropertyOptions(r),n=typeof s.converter=="function"?{fromAttribute:s.converter}:s.converter?.fromAttribute!==void 0?s.converter:B;this._$Em=r;let p=n.fromAttribute(e,s.type);this[r]=p??this._$Ej?.get(r)??p,this._$Em=null}}requestUpdate(t,e,i,r=!1,s){if(t!==void 0){let n=this.constructor;if(r===!1&&(s=this[t]),i??=n.getPropertyOptions(t),!((i.hasChanged??le)(s,e)||i.useDefault&&i.reflect&&s===this._$Ej?.get(t)&&!this.hasAttribute(n._$Eu(t,i))))return;this.C(t,e,i)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(t,e,{useDefault:i,reflect:r,wrapped:s},n){i&&!(this._$Ej??=new Map).has(t)&&(this._$Ej.set(t,n??e??this[t]),s!==!0||n!==void 0)||(this._$AL.has(t)||(this.hasUpdated||i||(e=void 0),this._$AL.set(t,e)),r===!0&&this._$Em!==t&&(this._$Eq??=new Set).add(t))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(e){Promise.reject(e)}let t=this.scheduleUpdate();return t!=null&&await t,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[r,s]of this._$Ep)this[r]=s;this._$Ep=void 0}let i=this.constructor.elementProperties;if(i.size>0)for(let[r,s]of i){let{wrapped:n}=s,p=this[r];n!==!0||this._$AL.has(r)||p===void 0||this.C(r,void 0,s,p)}}let t=!1,e=this._$AL;try{t=this.shouldUpdate(e),t?(this.willUpdate(e),this._$EO?.forEach(i=>i.hostUpdate?.()),this.update(e)):this._$EM()}catch(i){throw t=!1,this._$EM(),i}t&&this._$AE(e)}willUpdate(t){}_$AE(t){this._$EO?.forEach(e=>e.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(t)),this.updated(t)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(t){return!0}update(t){this._$Eq&&=this._$Eq.forEach(e=>this._$ET(e,this[e])),this._$EM()}updated(t){}firstUpdated(t){}};E.elementStyles=[],E.shadowRootOptions={mode:"open"},E[Y("elementProperties")]=new Map,E[Y("finalized")]=new Map,dt?.({ReactiveElement:E}),(ae.reactiveElementVersions??=[]).push("2.1.2");var ye=globalThis,Te=o=>o,ce=ye.trustedTypes,Re=ce?ce.createPolicy("lit-html",{createHTML:o=>o}):void 0,Ue="$lit$",O=`lit$${Math.random().toFixed(9).slice(2)}$`,De="?"+O,pt=`<${De}>`,H=document,Q=()=>H.createComment(""),ee=o=>o===null||typeof o!="object"&&typeof o!="function",xe=Array.isArray,ht=o=>xe(o)||typeof o?.[Symbol.iterator]=="function",be=`[ 	
\f\r]`,X=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,Oe=/-->/g,Ne=/>/g,N=RegExp(`>|${be}(?:([^\\s"'>=/]+)(${be}*=${be}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),Pe=/'/g,He=/"/g,Je=/^(?:script|style|textarea|title)$/i,$e=o=>(t,...e)=>({_$litType$:o,strings:t,values:e}),c=$e(1),Vt=$e(2),Ft=$e(3),I=Symbol.for("lit-noChange"),d=Symbol.for("lit-nothing"),Ie=new WeakMap,P=H.createTreeWalker(H,129);function ze(o,t){if(!xe(o)||!o.hasOwnProperty("raw"))throw Error("invalid template strings array");return Re!==void 0?Re.createHTML(t):t}var ut=(o,t)=>{let e=o.length-1,i=[],r,s=t===2?"<svg>":t===3?"<math>":"",n=X;for(let p=0;p<e;p++){let a=o[p],b,v,f=-1,C=0;for(;C<a.length&&(n.lastIndex=C,v=n.exec(a),v!==null);)C=n.lastIndex,n===X?v[1]==="!--"?n=Oe:v[1]!==void 0?n=Ne:v[2]!==void 0?(Je.test(v[2])&&(r=RegExp("</"+v[2],"g")),n=N):v[3]!==void 0&&(n=N):n===N?v[0]===">"?(n=r??X,f=-1):v[1]===void 0?f=-2:(f=n.lastIndex-v[2].length,b=v[1],n=v[3]===void 0?N:v[3]==='"'?He:Pe):n===He||n===Pe?n=N:n===Oe||n===Ne?n=X:(n=N,r=void 0);let R=n===N&&o[p+1].startsWith("/>")?" ":"";s+=n===X?a+pt:f>=0?(i.push(b),a.slice(0,f)+Ue+a.slice(f)+O+R):a+O+(f===-2?p:R)}return[ze(o,s+(o[e]||"<?>")+(t===2?"</svg>":t===3?"</math>":"")),i]},te=class o{constructor({strings:t,_$litType$:e},i){let r;this.parts=[];let s=0,n=0,p=t.length-1,a=this.parts,[b,v]=ut(t,e);if(this.el=o.createElement(b,i),P.currentNode=this.el.content,e===2||e===3){let f=this.el.content.firstChild;f.replaceWith(...f.childNodes)}for(;(r=P.nextNode())!==null&&a.length<p;){if(r.nodeType===1){if(r.hasAttributes())for(let f of r.getAttributeNames())if(f.endsWith(Ue)){let C=v[n++],R=r.getAttribute(f).split(O),oe=/([.?@])?(.*)/.exec(C);a.push({type:1,index:s,name:oe[2],strings:R,ctor:oe[1]==="."?ge:oe[1]==="?"?me:oe[1]==="@"?ve:z}),r.removeAttribute(f)}else f.startsWith(O)&&(a.push({type:6,index:s}),r.removeAttribute(f));if(Je.test(r.tagName)){let f=r.textContent.split(O),C=f.length-1;if(C>0){r.textContent=ce?ce.emptyScript:"";for(let R=0;R<C;R++)r.append(f[R],Q()),P.nextNode(),a.push({type:2,index:++s});r.append(f[C],Q())}}}else if(r.nodeType===8)if(r.data===De)a.push({type:2,index:s});else{let f=-1;for(;(f=r.data.indexOf(O,f+1))!==-1;)a.push({type:7,index:s}),f+=O.length-1}s++}}static createElement(t,e){let i=H.createElement("template");return i.innerHTML=t,i}};function J(o,t,e=o,i){if(t===I)return t;let r=i!==void 0?e._$Co?.[i]:e._$Cl,s=ee(t)?void 0:t._$litDirective$;return r?.constructor!==s&&(r?._$AO?.(!1),s===void 0?r=void 0:(r=new s(o),r._$AT(o,e,i)),i!==void 0?(e._$Co??=[])[i]=r:e._$Cl=r),r!==void 0&&(t=J(o,r._$AS(o,t.values),r,i)),t}var fe=class{constructor(t,e){this._$AV=[],this._$AN=void 0,this._$AD=t,this._$AM=e}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(t){let{el:{content:e},parts:i}=this._$AD,r=(t?.creationScope??H).importNode(e,!0);P.currentNode=r;let s=P.nextNode(),n=0,p=0,a=i[0];for(;a!==void 0;){if(n===a.index){let b;a.type===2?b=new ie(s,s.nextSibling,this,t):a.type===1?b=new a.ctor(s,a.name,a.strings,this,t):a.type===6&&(b=new _e(s,this,t)),this._$AV.push(b),a=i[++p]}n!==a?.index&&(s=P.nextNode(),n++)}return P.currentNode=H,r}p(t){let e=0;for(let i of this._$AV)i!==void 0&&(i.strings!==void 0?(i._$AI(t,i,e),e+=i.strings.length-2):i._$AI(t[e])),e++}},ie=class o{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(t,e,i,r){this.type=2,this._$AH=d,this._$AN=void 0,this._$AA=t,this._$AB=e,this._$AM=i,this.options=r,this._$Cv=r?.isConnected??!0}get parentNode(){let t=this._$AA.parentNode,e=this._$AM;return e!==void 0&&t?.nodeType===11&&(t=e.parentNode),t}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(t,e=this){t=J(this,t,e),ee(t)?t===d||t==null||t===""?(this._$AH!==d&&this._$AR(),this._$AH=d):t!==this._$AH&&t!==I&&this._(t):t._$litType$!==void 0?this.$(t):t.nodeType!==void 0?this.T(t):ht(t)?this.k(t):this._(t)}O(t){return this._$AA.parentNode.insertBefore(t,this._$AB)}T(t){this._$AH!==t&&(this._$AR(),this._$AH=this.O(t))}_(t){this._$AH!==d&&ee(this._$AH)?this._$AA.nextSibling.data=t:this.T(H.createTextNode(t)),this._$AH=t}$(t){let{values:e,_$litType$:i}=t,r=typeof i=="number"?this._$AC(t):(i.el===void 0&&(i.el=te.createElement(ze(i.h,i.h[0]),this.options)),i);if(this._$AH?._$AD===r)this._$AH.p(e);else{let s=new fe(r,this),n=s.u(this.options);s.p(e),this.T(n),this._$AH=s}}_$AC(t){let e=Ie.get(t.strings);return e===void 0&&Ie.set(t.strings,e=new te(t)),e}k(t){xe(this._$AH)||(this._$AH=[],this._$AR());let e=this._$AH,i,r=0;for(let s of t)r===e.length?e.push(i=new o(this.O(Q()),this.O(Q()),this,this.options)):i=e[r],i._$AI(s),r++;r<e.length&&(this._$AR(i&&i._$AB.nextSibling,r),e.length=r)}_$AR(t=this._$AA.nextSibling,e){for(this._$AP?.(!1,!0,e);t!==this._$AB;){let i=Te(t).nextSibling;Te(t).remove(),t=i}}setConnected(t){this._$AM===void 0&&(this._$Cv=t,this._$AP?.(t))}},z=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(t,e,i,r,s){this.type=1,this._$AH=d,this._$AN=void 0,this.element=t,this.name=e,this._$AM=r,this.options=s,i.length>2||i[0]!==""||i[1]!==""?(this._$AH=Array(i.length-1).fill(new String),this.strings=i):this._$AH=d}_$AI(t,e=this,i,r){let s=this.strings,n=!1;if(s===void 0)t=J(this,t,e,0),n=!ee(t)||t!==this._$AH&&t!==I,n&&(this._$AH=t);else{let p=t,a,b;for(t=s[0],a=0;a<s.length-1;a++)b=J(this,p[i+a],e,a),b===I&&(b=this._$AH[a]),n||=!ee(b)||b!==this._$AH[a],b===d?t=d:t!==d&&(t+=(b??"")+s[a+1]),this._$AH[a]=b}n&&!r&&this.j(t)}j(t){t===d?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,t??"")}},ge=class extends z{constructor(){super(...arguments),this.type=3}j(t){this.element[this.name]=t===d?void 0:t}},me=class extends z{constructor(){super(...arguments),this.type=4}j(t){this.element.toggleAttribute(this.name,!!t&&t!==d)}},ve=class extends z{constructor(t,e,i,r,s){super(t,e,i,r,s),this.type=5}_$AI(t,e=this){if((t=J(this,t,e,0)??d)===I)return;let i=this._$AH,r=t===d&&i!==d||t.capture!==i.capture||t.once!==i.once||t.passive!==i.passive,s=t!==d&&(i===d||r);r&&this.element.removeEventListener(this.name,this,i),s&&this.element.addEventListener(this.name,this,t),this._$AH=t}handleEvent(t){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,t):this._$AH.handleEvent(t)}},_e=class{constructor(t,e,i){this.element=t,this.type=6,this._$AN=void 0,this._$AM=e,this.options=i}get _$AU(){return this._$AM._$AU}_$AI(t){J(this,t)}};var bt=ye.litHtmlPolyfillSupport;bt?.(te,ie),(ye.litHtmlVersions??=[]).push("3.3.3");var qe=(o,t,e)=>{let i=e?.renderBefore??t,r=i._$litPart$;if(r===void 0){let s=e?.renderBefore??null;i._$litPart$=r=new ie(t.insertBefore(Q(),s),s,void 0,e??{})}return r._$AI(o),r};var we=globalThis,g=class extends E{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let t=super.createRenderRoot();return this.renderOptions.renderBefore??=t.firstChild,t}update(t){let e=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(t),this._$Do=qe(e,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return I}};g._$litElement$=!0,g.finalized=!0,we.litElementHydrateSupport?.({LitElement:g});var ft=we.litElementPolyfillSupport;ft?.({LitElement:g});(we.litElementVersions??=[]).push("4.2.2");var gt={attribute:!0,type:String,converter:B,reflect:!1,hasChanged:le},mt=(o=gt,t,e)=>{let{kind:i,metadata:r}=e,s=globalThis.litPropertyMetadata.get(r);if(s===void 0&&globalThis.litPropertyMetadata.set(r,s=new Map),i==="setter"&&((o=Object.create(o)).wrapped=!0),s.set(e.name,o),i==="accessor"){let{name:n}=e;return{set(p){let a=t.get.call(this);t.set.call(this,p),this.requestUpdate(n,a,o,!0,p)},init(p){return p!==void 0&&this.C(n,void 0,o,p),p}}}if(i==="setter"){let{name:n}=e;return function(p){let a=this[n];t.call(this,p),this.requestUpdate(n,a,o,!0,p)}}throw Error("Unsupported decorator location: "+i)};function h(o){return(t,e)=>typeof e=="object"?mt(o,t,e):((i,r,s)=>{let n=r.hasOwnProperty(s);return r.constructor.createProperty(s,i),n?Object.getOwnPropertyDescriptor(r,s):void 0})(o,t,e)}function u(o){return h({...o,state:!0,attribute:!1})}var U=(o,t,e)=>(e.configurable=!0,e.enumerable=!0,Reflect.decorate&&typeof t!="object"&&Object.defineProperty(o,t,e),e);function j(o,t){return(e,i,r)=>{let s=n=>n.renderRoot?.querySelector(o)??null;if(t){let{get:n,set:p}=typeof i=="object"?e:r??(()=>{let a=Symbol();return{get(){return this[a]},set(b){this[a]=b}}})();return U(e,i,{get(){let a=n.call(this);return a===void 0&&(a=s(this),(a!==null||this.hasUpdated)&&p.call(this,a)),a}})}return U(e,i,{get(){return s(this)}})}}var vt=new Set(["completed","failed","cancelled"]);function y(o){return vt.has(o.status)}function q(o){return o&&typeof o=="object"&&"message"in o?String(o.message):String(o)}var Ae={startJob:(o,t,e,i)=>o.sendMessagePromise({type:"esphome_builder/jobs/start",action:t,configuration:e,...i?{device:i}:{}}),cancelJob:(o,t)=>o.sendMessagePromise({type:"esphome_builder/jobs/cancel",job_id:t})},D=class{constructor(t,e,i,r=()=>{},s=()=>!1){this._conn=t;this._message=e;this._onMessage=i;this._onState=r;this._isFatal=s;this.state="connecting";this.lastError=null;this._unsub=null;this._generation=0;this._timer=null;this._attempt=0;this._stopped=!1;this._onReady=()=>{this._stopped||this.state==="ended"||(this._attempt=0,this._subscribe())};this._onDisconnected=()=>{this._generation++,this._unsub=null,this._timer!==null&&clearTimeout(this._timer),this._timer=null,this._setState("retrying")};this._conn.addEventListener("ready",this._onReady),this._conn.addEventListener("disconnected",this._onDisconnected),this._subscribe()}restart(){this._stopped||(this._release(),this._subscribe())}end(){this._stopped||(this._setState("ended"),this.stop())}stop(){this._stopped||(this._stopped=!0,this._conn.removeEventListener("ready",this._onReady),this._conn.removeEventListener("disconnected",this._onDisconnected),this._timer!==null&&clearTimeout(this._timer),this._timer=null,this._release())}_release(){this._generation++;let t=this._unsub;this._unsub=null,t&&t().catch(()=>{})}async _subscribe(){if(this._stopped)return;this._timer!==null&&clearTimeout(this._timer),this._timer=null;let t=++this._generation;this.state!=="live"&&this._setState("connecting");try{let e=await this._conn.subscribeMessage(i=>{t===this._generation&&!this._stopped&&this._onMessage(i)},this._message,{resubscribe:!1});if(t!==this._generation||this._stopped){this._conn.connected&&e().catch(()=>{});return}this._unsub=e,this._attempt=0,this.lastError=null,this.state!=="ended"&&this._setState("live")}catch(e){if(t!==this._generation||this._stopped)return;if(this.lastError=q(e),this._isFatal(e)){this._setState("ended"),this.stop();return}if(this._setState("retrying"),this._conn.connected){let i=Math.min(1e3*2**this._attempt++,1e4);this._timer=setTimeout(()=>{this._subscribe()},i)}}}_setState(t){this.state=t,this._onState(this)}};var _t={queued:"Queued",running:"Running",completed:"Completed",failed:"Failed",cancelled:"Cancelled"};function V(o){return c`<span class="chip ${o.status}" data-status=${o.status}>${_t[o.status]??o.status}</span>`}function F(o){if(y(o))return d;let t=Math.max(0,Math.min(100,o.progress||0)),e=o.status==="queued"||t===0;return c`<div
    class="progress ${e?"indeterminate":""}"
    role="progressbar"
    aria-valuemin="0"
    aria-valuemax="100"
    aria-valuenow=${e?d:t}
  >
    <div style="width:${t}%"></div>
  </div>`}var Ve=_`
  :host {
    --eb-log-bg: var(--esphome-builder-log-background, #fbfbfb);
    --eb-log-fg: var(--esphome-builder-log-color, #1f2328);
    --eb-marker-bg: rgba(127, 127, 127, 0.14);
    --eb-marker-fg: var(--secondary-text-color, #666);
    --eb-c0: #000000;
    --eb-c1: #c4262e;
    --eb-c2: #107c10;
    --eb-c3: #8a6d00;
    --eb-c4: #0451a5;
    --eb-c5: #a626a4;
    --eb-c6: #0e7490;
    --eb-c7: #5c5c5c;
    --eb-c8: #6e6e6e;
    --eb-c9: #e01b24;
    --eb-c10: #138a13;
    --eb-c11: #9a7b00;
    --eb-c12: #1a66c8;
    --eb-c13: #c030c0;
    --eb-c14: #0f8aa5;
    --eb-c15: #333333;
  }
  :host([dark]) {
    --eb-log-bg: var(--esphome-builder-log-background, #121212);
    --eb-log-fg: var(--esphome-builder-log-color, #d4d4d4);
    --eb-c0: #5a5a5a;
    --eb-c1: #f14c4c;
    --eb-c2: #23d18b;
    --eb-c3: #e5e510;
    --eb-c4: #3b8eea;
    --eb-c5: #d670d6;
    --eb-c6: #29b8db;
    --eb-c7: #cccccc;
    --eb-c8: #808080;
    --eb-c9: #ff6b6b;
    --eb-c10: #3ee6a0;
    --eb-c11: #f5f543;
    --eb-c12: #6aaaf2;
    --eb-c13: #e38de3;
    --eb-c14: #5fd0ec;
    --eb-c15: #f0f0f0;
  }
  .f0 { color: var(--eb-c0); } .f1 { color: var(--eb-c1); } .f2 { color: var(--eb-c2); }
  .f3 { color: var(--eb-c3); } .f4 { color: var(--eb-c4); } .f5 { color: var(--eb-c5); }
  .f6 { color: var(--eb-c6); } .f7 { color: var(--eb-c7); } .f8 { color: var(--eb-c8); }
  .f9 { color: var(--eb-c9); } .f10 { color: var(--eb-c10); } .f11 { color: var(--eb-c11); }
  .f12 { color: var(--eb-c12); } .f13 { color: var(--eb-c13); } .f14 { color: var(--eb-c14); }
  .f15 { color: var(--eb-c15); }
  .b0 { background: var(--eb-c0); } .b1 { background: var(--eb-c1); } .b2 { background: var(--eb-c2); }
  .b3 { background: var(--eb-c3); } .b4 { background: var(--eb-c4); } .b5 { background: var(--eb-c5); }
  .b6 { background: var(--eb-c6); } .b7 { background: var(--eb-c7); } .b8 { background: var(--eb-c8); }
  .b9 { background: var(--eb-c9); } .b10 { background: var(--eb-c10); } .b11 { background: var(--eb-c11); }
  .b12 { background: var(--eb-c12); } .b13 { background: var(--eb-c13); } .b14 { background: var(--eb-c14); }
  .b15 { background: var(--eb-c15); }
  .fi { color: var(--eb-log-bg); }
  .bi { background: var(--eb-log-fg); }
  .bo { font-weight: 700; }
  .dm { opacity: 0.7; }
  .it { font-style: italic; }
  .un { text-decoration: underline; }
  .st { text-decoration: line-through; }
  .un.st { text-decoration: underline line-through; }
  /* ESPHome's log levels, for lines that carry no colour of their own. */
  .lv-e { color: var(--eb-c1); font-weight: 700; }
  .lv-w { color: var(--eb-c3); font-weight: 700; }
  .lv-i { color: var(--eb-c2); }
  .lv-c { color: var(--eb-c5); }
  .lv-d { color: var(--eb-c6); }
  .lv-v { color: var(--eb-c7); }
  .lv-s { color: var(--eb-c2); font-weight: 700; }
`,S=_`
  :host {
    color: var(--primary-text-color);
  }
  button.eb {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 4px;
    min-height: 32px;
    padding: 0 12px;
    border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.3));
    border-radius: 16px;
    background: transparent;
    color: var(--primary-color);
    font: inherit;
    font-size: 14px;
    font-weight: 500;
    cursor: pointer;
    white-space: nowrap;
  }
  button.eb:hover:not([disabled]) {
    background: rgba(var(--rgb-primary-color, 3, 169, 244), 0.08);
  }
  button.eb:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 1px;
  }
  button.eb[disabled] {
    color: var(--disabled-text-color, #999);
    cursor: default;
  }
  button.eb.primary {
    background: var(--primary-color);
    border-color: var(--primary-color);
    color: var(--text-primary-color, #fff);
  }
  button.eb.danger {
    color: var(--error-color, #db4437);
  }
  .card {
    background: var(--card-background-color, var(--ha-card-background, #fff));
    border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.2));
    border-radius: var(--ha-card-border-radius, 12px);
    box-shadow: var(--ha-card-box-shadow, none);
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 1px 8px;
    border-radius: 10px;
    font-size: 12px;
    font-weight: 500;
    line-height: 18px;
    white-space: nowrap;
    background: rgba(127, 127, 127, 0.15);
    color: var(--primary-text-color);
  }
  .chip.running,
  .chip.queued {
    background: rgba(var(--rgb-primary-color, 3, 169, 244), 0.15);
    color: var(--primary-color);
  }
  .chip.completed {
    background: rgba(var(--rgb-success-color, 67, 160, 71), 0.15);
    color: var(--success-color, #43a047);
  }
  .chip.failed {
    background: rgba(var(--rgb-error-color, 219, 68, 55), 0.15);
    color: var(--error-color, #db4437);
  }
  .chip.cancelled {
    background: rgba(var(--rgb-warning-color, 255, 166, 0), 0.15);
    color: var(--warning-color, #ffa600);
  }
  .progress {
    height: 4px;
    border-radius: 2px;
    background: rgba(var(--rgb-primary-color, 3, 169, 244), 0.18);
    overflow: hidden;
  }
  .progress > div {
    height: 100%;
    background: var(--primary-color);
    transition: width 0.3s ease;
  }
  .progress.indeterminate > div {
    width: 30% !important;
    animation: slide 1.2s ease-in-out infinite;
  }
  @keyframes slide {
    from { transform: translateX(-100%); }
    to { transform: translateX(340%); }
  }
  .secondary {
    color: var(--secondary-text-color);
  }
  .empty {
    padding: 32px 16px;
    text-align: center;
    color: var(--secondary-text-color);
  }
`;function yt(o){if(!Number.isFinite(o)||o<0)return"";let t=Math.floor(o/1e3);if(t<60)return`${t}s`;let e=Math.floor(t/60);return e<60?`${e}m ${String(t%60).padStart(2,"0")}s`:`${Math.floor(e/60)}h ${String(e%60).padStart(2,"0")}m`}function W(o,t){let e=Date.parse(o.started_at??o.created_at);if(Number.isNaN(e))return"";let i=o.finished_at?Date.parse(o.finished_at):t;return yt(i-e)}function de(o,t){if(!o)return"";let e=new Date(o);if(Number.isNaN(e.getTime()))return"";let i=new Date().toDateString()===e.toDateString();return e.toLocaleString(t,i?{timeStyle:"short"}:{dateStyle:"short",timeStyle:"short"})}var L={validate:"Validate",compile:"Compile",upload:"Upload",install:"Install",clean:"Clean",logs:"Logs"};function re(o,t=!1){t?history.replaceState(null,"",o):history.pushState(null,"",o),window.dispatchEvent(new CustomEvent("location-changed",{detail:{replace:t}}))}function K(o,t){o.dispatchEvent(new CustomEvent("hass-notification",{detail:{message:t},bubbles:!0,composed:!0}))}async function Fe(o){if(navigator.clipboard&&window.isSecureContext){await navigator.clipboard.writeText(o);return}let t=document.createElement("textarea");t.value=o,t.setAttribute("readonly",""),t.style.position="fixed",t.style.opacity="0",document.body.appendChild(t),t.select();try{if(!document.execCommand("copy"))throw new Error("copy refused")}finally{t.remove()}}function We(o,t){let e=URL.createObjectURL(new Blob([t],{type:"text/plain;charset=utf-8"})),i=document.createElement("a");i.href=e,i.download=o,document.body.appendChild(i),i.click(),i.remove(),setTimeout(()=>URL.revokeObjectURL(e),1e4)}function $(o,t){customElements.get(o)||customElements.define(o,t)}var xt=["validate","install","compile","clean","logs"];function ke(o){return o.friendly_name||o.name||o.configuration}var M=class extends g{constructor(){super(...arguments);this.devices=[];this.latest=new Map;this.now=Date.now();this.loading=!1;this._filter=""}_matches(e,i){let r=[e.friendly_name,e.name,e.configuration,e.platform].filter(Boolean).join(" ").toLowerCase();return i.every(s=>r.includes(s))}_fire(e,i){this.dispatchEvent(new CustomEvent(e,{detail:i,bubbles:!0,composed:!0}))}render(){let e=this._filter.toLowerCase().split(/\s+/).filter(Boolean),i=[...this.devices].sort((r,s)=>ke(r).localeCompare(ke(s))).filter(r=>this._matches(r,e));return c`
      <div class="filter">
        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5,3A6.5,6.5 0 0,1 16,9.5C16,11.11 15.41,12.59 14.44,13.73L14.71,14H15.5L20.5,19L19,20.5L14,15.5V14.71L13.73,14.44C12.59,15.41 11.11,16 9.5,16A6.5,6.5 0 0,1 3,9.5A6.5,6.5 0 0,1 9.5,3M9.5,5C7,5 5,7 5,9.5C5,12 7,14 9.5,14C12,14 14,12 14,9.5C14,7 12,5 9.5,5Z" /></svg>
        <input type="search" placeholder="Filter devices" aria-label="Filter devices" .value=${this._filter}
          @input=${r=>this._filter=r.target.value} />
      </div>
      ${i.length?c`<div class="grid">${i.map(r=>this._renderDevice(r))}</div>`:c`<div class="empty">
            ${this.loading?"Loading…":this.devices.length?"No device matches the filter.":"No configurations yet. Put your device YAML files into the configurations folder."}
          </div>`}
    `}_renderDevice(e){let i=this.latest.get(e.configuration),r=e.ha_device_id!=null,s=e.online===!0?!0:r&&e.online===!1?!1:null,n=s===!0?"Online":s===!1?"Offline":"Not in HA",p=i!==void 0&&!y(i);return c`
      <div class="card device" data-configuration=${e.configuration}>
        <div class="head">
          <div class="names">
            <div class="title">${ke(e)}</div>
            <div class="secondary">${e.configuration}${e.platform?c` · <span class="platform">${e.platform}</span>`:d}${e.remote?c` · <span class="remote" title="Only on a remote builder">remote on ${(e.builders??[]).join(", ")}</span>`:d}</div>
          </div>
          <span class="online ${s===!0?"on":s===!1?"off":"unknown"}"
            title=${s==null?"Not known to Home Assistant's ESPHome integration":n}>
            <span class="dot"></span>${n}
          </span>
        </div>
        ${i?c`<button class="job" @click=${()=>this._fire("eb-open-job",i.job_id)} title="Show the log">
              <span class="job-line">
                <span>${L[i.action]??i.action}</span>
                ${V(i)}
                <span class="secondary">${W(i,this.now)}</span>
                ${p&&i.progress?c`<span class="secondary">${i.progress}%</span>`:d}
              </span>
              ${F(i)}
            </button>`:c`<div class="job none secondary">No job yet</div>`}
        <div class="actions">
          ${xt.map(a=>c`<button class="eb ${a==="install"?"primary":""}" data-action=${a}
              @click=${()=>this._fire("eb-action",{action:a,configuration:e.configuration})}>
              ${L[a]}${a==="install"||a==="logs"?"…":""}
            </button>`)}
        </div>
      </div>
    `}};M.styles=[S,_`
      :host {
        display: block;
      }
      .filter {
        display: flex;
        align-items: center;
        gap: 8px;
        margin: 0 0 16px;
        padding: 0 12px;
        height: 44px;
        border-radius: 22px;
        background: var(--card-background-color, #fff);
        border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.3));
      }
      .filter svg {
        width: 20px;
        height: 20px;
        fill: var(--secondary-text-color);
        flex: none;
      }
      .filter input {
        flex: 1;
        min-width: 0;
        border: none;
        outline: none;
        background: transparent;
        color: var(--primary-text-color);
        font: inherit;
        font-size: 15px;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 360px), 1fr));
        gap: 16px;
      }
      .device {
        display: flex;
        flex-direction: column;
        gap: 12px;
        padding: 16px;
      }
      .head {
        display: flex;
        align-items: flex-start;
        gap: 12px;
      }
      .names {
        flex: 1;
        min-width: 0;
      }
      .title {
        font-size: 16px;
        font-weight: 500;
        overflow-wrap: anywhere;
      }
      .secondary {
        font-size: 13px;
        overflow-wrap: anywhere;
      }
      .online {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        font-size: 13px;
        color: var(--secondary-text-color);
        white-space: nowrap;
      }
      .dot {
        width: 8px;
        height: 8px;
        border-radius: 50%;
        background: var(--disabled-text-color, #999);
      }
      .online.on .dot {
        background: var(--success-color, #43a047);
      }
      .online.off .dot {
        background: var(--error-color, #db4437);
      }
      .job {
        display: flex;
        flex-direction: column;
        gap: 6px;
        box-sizing: border-box;
        width: 100%;
        padding: 8px 10px;
        border: none;
        border-radius: 8px;
        background: var(--secondary-background-color, rgba(127, 127, 127, 0.08));
        color: inherit;
        font: inherit;
        text-align: left;
        cursor: pointer;
      }
      .job.none {
        cursor: default;
        font-size: 13px;
      }
      .job-line {
        display: flex;
        align-items: center;
        gap: 8px;
        flex-wrap: wrap;
        font-size: 14px;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
      }
    `],l([h({attribute:!1})],M.prototype,"devices",2),l([h({attribute:!1})],M.prototype,"latest",2),l([h({type:Number})],M.prototype,"now",2),l([h({type:Boolean})],M.prototype,"loading",2),l([u()],M.prototype,"_filter",2);$("esphome-builder-devices",M);function Z(){return{fg:null,bg:null,bold:!1,dim:!1,italic:!1,underline:!1,inverse:!1,strike:!1}}function $t(o){return o.fg===null&&o.bg===null&&!o.bold&&!o.dim&&!o.italic&&!o.underline&&!o.inverse&&!o.strike}var Ke=/\x1b(?:\[([0-?]*)[ -/]*([@-~])|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_]|$)/g,Ze=/[\x00-\x08\x0a-\x1f\x7f]/g;function wt(o){if(o>=232){let i=8+(o-232)*10;return`rgb(${i},${i},${i})`}let t=o-16,e=i=>i===0?0:55+i*40;return`rgb(${e(Math.floor(t/36))},${e(Math.floor(t/6)%6)},${e(t%6)})`}function At(o){return Math.max(0,Math.min(255,Number.isFinite(o)?o:0))}function kt(o,t){let e=o[t];if(e===5&&t+1<o.length){let i=o[t+1];return i<0||i>255?{colour:null,used:2}:{colour:i<16?i:wt(i),used:2}}if(e===2&&t+3<o.length){let[i,r,s]=[o[t+1],o[t+2],o[t+3]].map(At);return{colour:`rgb(${i},${r},${s})`,used:4}}return{colour:null,used:o.length-t}}function St(o,t){let e=t===""?[0]:t.split(/[;:]/).map(i=>i===""?0:Number(i));for(let i=0;i<e.length;i++){let r=e[i];if(r===0)Object.assign(o,Z());else if(r===1)o.bold=!0;else if(r===2)o.dim=!0;else if(r===3)o.italic=!0;else if(r===4)o.underline=!0;else if(r===7)o.inverse=!0;else if(r===9)o.strike=!0;else if(r===21||r===22)o.bold=!1,o.dim=!1;else if(r===23)o.italic=!1;else if(r===24)o.underline=!1;else if(r===27)o.inverse=!1;else if(r===29)o.strike=!1;else if(r>=30&&r<=37)o.fg=r-30;else if(r===39)o.fg=null;else if(r>=40&&r<=47)o.bg=r-40;else if(r===49)o.bg=null;else if(r>=90&&r<=97)o.fg=r-90+8;else if(r>=100&&r<=107)o.bg=r-100+8;else if(r===38||r===48){let{colour:s,used:n}=kt(e,i+1);r===38?o.fg=s:o.bg=s,i+=n}}}function Ge(o,t){if($t(t))return{text:o,cls:"",style:""};let e=t.fg,i=t.bg,r=[],s=[];return t.inverse&&([e,i]=[i,e],e===null&&r.push("fi"),i===null&&r.push("bi")),typeof e=="number"?r.push(`f${e}`):typeof e=="string"&&s.push(`color:${e}`),typeof i=="number"?r.push(`b${i}`):typeof i=="string"&&s.push(`background-color:${i}`),t.bold&&r.push("bo"),t.dim&&r.push("dm"),t.italic&&r.push("it"),t.underline&&r.push("un"),t.strike&&r.push("st"),{text:o,cls:r.join(" "),style:s.join(";")}}function Ye(o,t){let e=[];if(!o.includes("\x1B")){let n=o.replace(Ze,"");return n&&e.push(Ge(n,t)),e}let i=0;Ke.lastIndex=0;let r,s=n=>{let p=n.replace(Ze,"");if(!p)return;let a=Ge(p,t),b=e[e.length-1];b&&b.cls===a.cls&&b.style===a.style?b.text+=p:e.push(a)};for(;(r=Ke.exec(o))!==null;)s(o.slice(i,r.index)),i=r.index+r[0].length,r[2]==="m"&&/^[0-9;:]*$/.test(r[1]??"")&&St(t,r[1]??"");return s(o.slice(i)),e}var Be=/^\.\.\. \[output trimmed: (\d+) earlier line\(s\) elided\]$/;function Ct(o){return`... [output trimmed: ${o} earlier line(s) elided]`}function Et(o){return`... [${o} line(s) skipped: output came faster than it could be sent]`}function jt(o){return`... [${o} earlier line(s) not kept by the viewer]`}var Lt=/^(?:\[\d{1,2}:\d{2}:\d{2}(?:\.\d+)?\])?\[(VV|V|D|C|I|W|E)\]\[/,Mt=/^(ERROR|CRITICAL|WARNING|INFO|DEBUG)\s/,Tt=/\[(SUCCESS|FAILED|ERROR)\]/;function Rt(o){let t=Lt.exec(o);if(t)return t[1]==="VV"?"v":t[1].toLowerCase();if(t=Mt.exec(o),t)switch(t[1]){case"ERROR":case"CRITICAL":return"e";case"WARNING":return"w";case"INFO":return"i";default:return"d"}return(o.startsWith("=")||o.startsWith("*"))&&(t=Tt.exec(o),t)?t[1]==="SUCCESS"?"s":"e":null}var Ot=2e4,pe=class{constructor(t=Ot){this.dropped=0;this.version=0;this._lines=[];this._state=Z();this._transient=!1;this._nextId=0;this.maxLines=Math.max(1,t)}get rowCount(){return this._lines.length+(this.dropped>0?1:0)}row(t){if(this.dropped>0){if(t===0){let e=jt(this.dropped);return{id:-1,kind:"marker",text:e,segments:[{text:e,cls:"",style:""}],level:null}}return this._lines[t-1]}return this._lines[t]}rowOf(t){let e=this._lines.length?this._lines[0].id:this._nextId,i=t-e;return i<0||i>=this._lines.length?-1:i+(this.dropped>0?1:0)}get lineCount(){return this._lines.length}reset(t=[],e=0){this._lines=[],this._state=Z(),this._transient=!1,this.dropped=0,e>0&&!(t.length&&Be.test(t[0]))&&this.addMarker(Ct(e)),this.append(t)}append(t,e=0){e>0&&this.addMarker(Et(e));for(let i of t)this._appendOne(i);this._bound(),this.version++}addMarker(t){this._transient=!1,this._state=Z(),this._lines.push({id:this._nextId++,kind:"marker",text:t,segments:[{text:t,cls:"",style:""}],level:null}),this._bound(),this.version++}plainText(){let t=[];for(let e=0;e<this.rowCount;e++)t.push(this.row(e).text);return t.length?t.join(`
`)+`
`:""}_appendOne(t){let e=t.endsWith("\r"),i=e?t.slice(0,-1):t;if(this._transient&&this._lines.pop(),this._transient=e,Be.test(i)){this._state=Z(),this._lines.push({id:this._nextId++,kind:"marker",text:i,segments:[{text:i,cls:"",style:""}],level:null});return}let r=Ye(i,this._state),s=r.length===1?r[0].text:r.map(n=>n.text).join("");this._lines.push({id:this._nextId++,kind:"text",text:s,segments:r,level:Rt(s)})}_bound(){if(this._lines.length<=2*this.maxLines)return;let t=this._lines.length-this.maxLines;this._lines=this._lines.slice(t),this.dropped+=t}};var w=18,Xe=20,A=class extends g{constructor(){super(...arguments);this.version=0;this.placeholder="";this._following=!0;this._scrollTop=0;this._viewport=400;this._anchorId=-1;this._anchorOffset=0;this._target=0;this._scrollFrame=0;this._onScroll=()=>{this._scrollFrame||(this._scrollFrame=requestAnimationFrame(()=>{this._scrollFrame=0;let e=this._scroller;if(!e||!this.model)return;let i=e.scrollTop,r=i+e.clientHeight>=e.scrollHeight-w/2;this._following=r;let s=Math.floor(i/w),n=s<this.model.rowCount?this.model.row(s):void 0;this._anchorId=n&&n.id>=0?n.id:-1,this._anchorOffset=i-s*w,this._scrollTop=i}))};this._onWheel={handleEvent:e=>{e.deltaY<0&&this._following&&this._pause()},passive:!0};this._onKey=e=>{e.key==="End"?(e.preventDefault(),this.jumpToEnd()):["ArrowUp","PageUp","Home"].includes(e.key)&&this._following&&this._pause()}}get following(){return this._following}get renderedRows(){return this.renderRoot?.querySelectorAll(".row").length??0}jumpToEnd(){this._following=!0,this.requestUpdate()}connectedCallback(){super.connectedCallback(),this._resize=new ResizeObserver(()=>{let e=this._scroller?.clientHeight??0;e&&e!==this._viewport&&(this._viewport=e)})}disconnectedCallback(){super.disconnectedCallback(),this._resize?.disconnect(),this._scrollFrame&&cancelAnimationFrame(this._scrollFrame),this._scrollFrame=0}firstUpdated(){this._scroller&&(this._resize?.observe(this._scroller),this._viewport=this._scroller.clientHeight||this._viewport)}willUpdate(e){let i=this.model?.rowCount??0,r=Math.max(0,i*w-this._viewport);if(this._following)this._target=r;else{let s=this._anchorId>=0&&this.model?this.model.rowOf(this._anchorId):-1;this._target=s>=0?Math.min(r,s*w+this._anchorOffset):Math.min(this._scrollTop,r)}this._scrollTop=this._target}updated(){let e=this._scroller;e&&Math.abs(e.scrollTop-this._target)>=1&&(e.scrollTop=this._target)}_pause(){let e=this._scroller;if(!e||!this.model)return;let i=e.scrollTop,r=Math.min(Math.floor(i/w),this.model.rowCount-1),s=r>=0?this.model.row(r):void 0;this._anchorId=s&&s.id>=0?s.id:-1,this._anchorOffset=i-r*w,this._following=!1}render(){let e=this.model,i=e?.rowCount??0,r=Math.max(0,Math.floor(this._scrollTop/w)-Xe),s=Math.min(i,Math.ceil((this._scrollTop+this._viewport)/w)+Xe),n=[];for(let p=r;p<s;p++)n.push(e.row(p));return c`
      <div class="scroller" tabindex="0" role="log" aria-live="off" @scroll=${this._onScroll} @wheel=${this._onWheel}
        @keydown=${this._onKey}>
        <div class="spacer" style="height:${i*w}px">
          <div class="rows" style="transform:translateY(${r*w}px)">
            ${n.map(p=>this._renderRow(p))}
          </div>
        </div>
        ${i===0&&this.placeholder?c`<div class="placeholder">${this.placeholder}</div>`:d}
      </div>
      ${this._following||i===0?d:c`<button class="jump" @click=${this.jumpToEnd}>
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M7.41,8.58L12,13.17L16.59,8.58L18,10L12,16L6,10L7.41,8.58Z" /></svg>
            Jump to end
          </button>`}
    `}_renderRow(e){let i=e.kind==="marker"?"row marker":e.level?`row lv-${e.level}`:"row";return c`<div class=${i}>${e.segments.map(r=>r.cls||r.style?c`<span class=${r.cls} style=${r.style}>${r.text}</span>`:r.text)}</div>`}};A.styles=[Ve,_`
      :host {
        display: block;
        position: relative;
        min-height: 0;
        background: var(--eb-log-bg);
        color: var(--eb-log-fg);
        border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.2));
        border-radius: var(--ha-card-border-radius, 12px);
        overflow: hidden;
      }
      .scroller {
        position: absolute;
        inset: 0;
        overflow: auto;
        font-family: var(--code-font-family, ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace);
        font-size: 12.5px;
        outline: none;
        overscroll-behavior: contain;
      }
      .spacer {
        position: relative;
        min-width: 100%;
        width: max-content;
      }
      .rows {
        padding: 0 12px;
        will-change: transform;
      }
      .row {
        height: 18px;
        line-height: 18px;
        white-space: pre;
        overflow: hidden;
      }
      .marker {
        color: var(--eb-marker-fg);
        font-style: italic;
        background: var(--eb-marker-bg);
        margin: 0 -12px;
        padding: 0 12px;
      }
      .placeholder {
        position: absolute;
        inset: 16px;
        color: var(--secondary-text-color);
        font-family: var(--paper-font-body1_-_font-family, inherit);
      }
      .jump {
        position: absolute;
        right: 16px;
        bottom: 16px;
        display: inline-flex;
        align-items: center;
        gap: 4px;
        padding: 8px 14px 8px 10px;
        border: none;
        border-radius: 18px;
        background: var(--primary-color);
        color: var(--text-primary-color, #fff);
        font: inherit;
        font-weight: 500;
        cursor: pointer;
        box-shadow: 0 2px 6px rgba(0, 0, 0, 0.3);
      }
      .jump svg {
        width: 18px;
        height: 18px;
        fill: currentColor;
      }
    `],l([h({attribute:!1})],A.prototype,"model",2),l([h({type:Number})],A.prototype,"version",2),l([h()],A.prototype,"placeholder",2),l([u()],A.prototype,"_following",2),l([u()],A.prototype,"_scrollTop",2),l([u()],A.prototype,"_viewport",2),l([j(".scroller")],A.prototype,"_scroller",2);$("esphome-builder-log",A);var Nt=new Set(["unknown_command","timeout","home_assistant_error","unknown_error"]);function Pt(o,t){return o?t?y(t)&&!y(o)?{...o,...t}:{...t,...o}:o:t}var x=class extends g{constructor(){super(...arguments);this.jobId="";this.narrow=!1;this.dark=!1;this.cancelling=!1;this.now=Date.now();this._version=0;this._error="";this._live=!1;this.model=new pe;this._frame=0}connectedCallback(){super.connectedCallback(),this.hasUpdated&&this.hass&&this.jobId&&!this._sub&&this._follow()}disconnectedCallback(){super.disconnectedCallback(),this._sub?.stop(),this._sub=void 0,this._frame&&cancelAnimationFrame(this._frame),this._frame=0}willUpdate(e){!this.isConnected||!this.hass||!this.jobId||(e.has("jobId")||!this._sub)&&this._follow()}_follow(){if(this._sub?.stop(),this._sub=void 0,this.model.reset(),this._followed=void 0,this._error="",this._live=!1,this._version++,!this.hass||!this.jobId)return;let e=this.jobId;this._sub=new D(this.hass.connection,{type:"esphome_builder/jobs/follow",job_id:e},i=>this._onMessage(i),i=>{this._live=i.state==="live",i.state==="ended"&&i.lastError?this._error=i.lastError:i.state==="live"&&(this._error="")},i=>!Nt.has(i?.code??""))}_onMessage(e){switch(e.type){case"history":this.model.reset(e.lines,e.elided),this._followed=e.job;break;case"output":this.model.append(e.lines,e.skipped);break;case"progress":this._followed&&(this._followed={...this._followed,progress:e.progress});break;case"status":this._followed=e.job;break;case"result":(this._followed||e.job)&&(this._followed={...this._followed??e.job,...e.job??{},status:e.status,exit_code:e.exit_code,error:e.error}),this._sub?.end();break;case"resync_required":this._sub?.restart();break}this._scheduleRender()}_scheduleRender(){this._frame||(this._frame=requestAnimationFrame(()=>{this._frame=0,this._version=this.model.version}))}get _job(){return Pt(this.job,this._followed)}_fileName(e){return`${(e?.configuration??"job").replace(/\.ya?ml$/,"")}-${e?.action??"log"}-${this.jobId}.log`.replace(/[^\w.-]+/g,"_")}async _copy(){try{await Fe(this.model.plainText()),K(this,"Log copied to the clipboard")}catch(e){K(this,`Could not copy the log: ${q(e)}`)}}_download(){We(this._fileName(this._job),this.model.plainText())}_fire(e,i){this.dispatchEvent(new CustomEvent(e,{detail:i,bubbles:!0,composed:!0}))}render(){let e=this._job,i=e?y(e):!1,r=this._error?"":e?i?"This job printed nothing.":"Waiting for output…":"Connecting…";return c`
      <div class="card header">
        <div class="top">
          <button class="eb back" @click=${()=>this._fire("eb-back")} title="All jobs" aria-label="All jobs">
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M20,11V13H8L13.5,18.5L12.08,19.92L4.16,12L12.08,4.08L13.5,5.5L8,11H20Z" /></svg>
          </button>
          <div class="what">
            <div class="title">${e?c`${L[e.action]??e.action} <b>${e.configuration}</b>`:this.jobId}</div>
            ${e?c`<div class="meta secondary">
                  ${V(e)}
                  <span>${de(e.created_at,this.hass?.language)}</span>
                  <span class="duration">${W(e,this.now)}</span>
                  ${!i&&e.progress?c`<span>${e.progress}%</span>`:d}
                  ${e.device?c`<span>→ ${e.device}</span>`:d}
                  ${i&&e.exit_code!=null?c`<span>exit code ${e.exit_code}</span>`:d}
                  ${!i&&!this._live?c`<span class="reconnecting">reconnecting…</span>`:d}
                </div>`:d}
          </div>
          <div class="buttons">
            ${e&&!i?c`<button class="eb danger cancel" ?disabled=${this.cancelling}
                  @click=${()=>this._fire("eb-cancel-job",this.jobId)}>${this.cancelling?"Cancelling…":"Cancel"}</button>`:d}
            <button class="eb copy" @click=${this._copy} title="Copy the log">Copy</button>
            <button class="eb download" @click=${this._download} title="Download the log">Download</button>
          </div>
        </div>
        ${e?F(e):d}
        ${e?.error?c`<div class="error job-error">${e.error}</div>`:d}
        ${this._error?c`<div class="error follow-error">${this._error}</div>`:d}
      </div>
      <esphome-builder-log
        .model=${this.model}
        .version=${this._version}
        .placeholder=${r}
        ?dark=${this.dark}
      ></esphome-builder-log>
    `}get log(){return this._log}};x.styles=[S,_`
      :host {
        display: flex;
        flex-direction: column;
        gap: 12px;
        min-height: 0;
        height: 100%;
      }
      .header {
        display: flex;
        flex-direction: column;
        gap: 10px;
        padding: 10px 12px;
      }
      .top {
        display: flex;
        align-items: center;
        gap: 10px;
        flex-wrap: wrap;
      }
      .back {
        padding: 0;
        width: 36px;
        min-height: 36px;
        border-radius: 50%;
        border: none;
        color: var(--primary-text-color);
      }
      .back svg {
        width: 22px;
        height: 22px;
        fill: currentColor;
      }
      .what {
        flex: 1;
        min-width: 180px;
      }
      .title {
        font-size: 16px;
        overflow-wrap: anywhere;
      }
      .meta {
        display: flex;
        align-items: center;
        gap: 10px;
        flex-wrap: wrap;
        margin-top: 2px;
        font-size: 13px;
      }
      .reconnecting {
        color: var(--warning-color, #ffa600);
      }
      .buttons {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
      }
      .error {
        padding: 8px 12px;
        border-radius: 8px;
        background: rgba(var(--rgb-error-color, 219, 68, 55), 0.12);
        color: var(--error-color, #db4437);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      esphome-builder-log {
        flex: 1;
        min-height: 240px;
      }
    `],l([h({attribute:!1})],x.prototype,"hass",2),l([h()],x.prototype,"jobId",2),l([h({attribute:!1})],x.prototype,"job",2),l([h({type:Boolean})],x.prototype,"narrow",2),l([h({type:Boolean})],x.prototype,"dark",2),l([h({type:Boolean})],x.prototype,"cancelling",2),l([h({type:Number})],x.prototype,"now",2),l([u()],x.prototype,"_followed",2),l([u()],x.prototype,"_version",2),l([u()],x.prototype,"_error",2),l([u()],x.prototype,"_live",2),l([j("esphome-builder-log")],x.prototype,"_log",2);$("esphome-builder-job",x);var T=class extends g{constructor(){super(...arguments);this.jobs=[];this.cancelling=new Set;this.now=Date.now();this.loading=!1}_fire(e,i){this.dispatchEvent(new CustomEvent(e,{detail:i,bubbles:!0,composed:!0}))}render(){let e=this.jobs.filter(r=>!y(r)),i=this.jobs.filter(r=>y(r));return this.jobs.length?c`
      ${e.length?c`<h2>Active</h2>
            <div class="card list">${e.map(r=>this._renderJob(r))}</div>`:d}
      ${i.length?c`<h2>Recent</h2>
            <div class="card list">${i.map(r=>this._renderJob(r))}</div>`:d}
    `:c`<div class="empty">${this.loading?"Loading…":"No jobs yet. Start one from the devices view."}</div>`}_renderJob(e){let i=this.cancelling.has(e.job_id);return c`
      <div class="job" data-job-id=${e.job_id} data-status=${e.status}>
        <button class="open" @click=${()=>this._fire("eb-open-job",e.job_id)} title="Show the log">
          <span class="line">
            ${V(e)}
            <span class="what">${L[e.action]??e.action} <b>${e.configuration}</b></span>
          </span>
          <span class="line secondary">
            <span>${de(e.created_at,this.language)}</span>
            <span>${W(e,this.now)}</span>
            ${e.status==="running"&&e.progress?c`<span>${e.progress}%</span>`:d}
            ${e.device?c`<span>→ ${e.device}</span>`:d}
            ${e.builder&&e.builder!=="local"?c`<span>on ${e.builder}</span>`:d}
          </span>
          ${F(e)}
        </button>
        ${y(e)?d:c`<button class="eb danger cancel" ?disabled=${i}
              @click=${()=>this._fire("eb-cancel-job",e.job_id)}>${i?"Cancelling…":"Cancel"}</button>`}
      </div>
    `}};T.styles=[S,_`
      :host {
        display: block;
      }
      h2 {
        margin: 8px 4px 8px;
        font-size: 14px;
        font-weight: 500;
        text-transform: uppercase;
        letter-spacing: 0.05em;
        color: var(--secondary-text-color);
      }
      .list {
        margin-bottom: 24px;
        overflow: hidden;
      }
      .job {
        display: flex;
        align-items: center;
        gap: 12px;
        padding: 0 16px 0 0;
      }
      .job + .job {
        border-top: 1px solid var(--divider-color, rgba(127, 127, 127, 0.2));
      }
      .open {
        flex: 1;
        min-width: 0;
        display: flex;
        flex-direction: column;
        gap: 6px;
        padding: 12px 16px;
        border: none;
        background: transparent;
        color: inherit;
        font: inherit;
        text-align: left;
        cursor: pointer;
      }
      .open:hover {
        background: rgba(127, 127, 127, 0.06);
      }
      .line {
        display: flex;
        align-items: center;
        gap: 10px;
        flex-wrap: wrap;
      }
      .what {
        overflow-wrap: anywhere;
      }
      .line.secondary {
        font-size: 13px;
      }
      .progress {
        max-width: 480px;
      }
    `],l([h({attribute:!1})],T.prototype,"jobs",2),l([h({attribute:!1})],T.prototype,"cancelling",2),l([h({type:Number})],T.prototype,"now",2),l([h({type:Boolean})],T.prototype,"loading",2),l([h()],T.prototype,"language",2);$("esphome-builder-jobs",T);var Ht=/^(?:\/dev\/[\w./-]+|[A-Za-z0-9_.:[\]%-]+)$/,k=class extends g{constructor(){super(...arguments);this._action="";this._configuration="";this._mode="ota";this._address="";this._error=""}async ask(e,i){return this._resolve?.(null),this._action=e,this._configuration=i,this._error="",await this.updateComplete,this._dialog.showModal(),new Promise(r=>{this._resolve=r})}_finish(e){let i=this._resolve;this._resolve=void 0,this._dialog.open&&this._dialog.close(),i?.(e)}_submit(e){if(e.preventDefault(),this._mode==="ota"){this._finish("OTA");return}let i=this._address.trim();if(!i||i.startsWith("-")||!Ht.test(i)){this._error="Enter a host name, an IP address or a serial port such as /dev/ttyUSB0.",this._input?.focus();return}this._finish(i)}render(){let e=L[this._action]??this._action;return c`
      <dialog @close=${()=>this._finish(null)} @cancel=${()=>this._finish(null)}>
        <form @submit=${this._submit}>
          <h2>${e} ${this._configuration}</h2>
          <p class="secondary">${this._action==="logs"?"Where should the logs come from?":"Where should the firmware go?"}</p>
          <label class="option">
            <input type="radio" name="mode" value="ota" .checked=${this._mode==="ota"}
              @change=${()=>this._mode="ota"} />
            <span>Over the air <span class="secondary">(the address in the configuration)</span></span>
          </label>
          <label class="option">
            <input type="radio" name="mode" value="address" .checked=${this._mode==="address"}
              @change=${()=>{this._mode="address",this.updateComplete.then(()=>this._input?.focus())}} />
            <span>This address or serial port</span>
          </label>
          <input name="address" type="text" autocomplete="off" spellcheck="false"
            placeholder="192.168.1.50, device.local or /dev/ttyUSB0"
            .value=${this._address}
            ?disabled=${this._mode!=="address"}
            @input=${i=>this._address=i.target.value} />
          ${this._error?c`<p class="error" role="alert">${this._error}</p>`:d}
          <div class="buttons">
            <button class="eb" type="button" @click=${()=>this._finish(null)}>Cancel</button>
            <button class="eb primary" type="submit">${e}</button>
          </div>
        </form>
      </dialog>
    `}};k.styles=[S,_`
      dialog {
        border: none;
        border-radius: var(--ha-dialog-border-radius, 24px);
        padding: 24px;
        width: min(420px, calc(100vw - 48px));
        background: var(--mdc-theme-surface, var(--card-background-color, #fff));
        color: var(--primary-text-color);
        box-shadow: 0 8px 32px rgba(0, 0, 0, 0.35);
      }
      dialog::backdrop {
        background: rgba(0, 0, 0, 0.45);
      }
      h2 {
        margin: 0 0 4px;
        font-size: 20px;
        font-weight: 500;
        word-break: break-word;
      }
      .option {
        display: flex;
        align-items: center;
        gap: 8px;
        margin: 10px 0;
        cursor: pointer;
      }
      input[type="radio"] {
        accent-color: var(--primary-color);
        margin: 0;
      }
      input[name="address"] {
        box-sizing: border-box;
        width: 100%;
        margin: 4px 0 0;
        padding: 10px 12px;
        border: 1px solid var(--divider-color, #ccc);
        border-radius: 8px;
        background: var(--secondary-background-color, transparent);
        color: var(--primary-text-color);
        font: inherit;
      }
      input[name="address"]:disabled {
        opacity: 0.5;
      }
      .error {
        color: var(--error-color, #db4437);
        margin: 8px 0 0;
      }
      .buttons {
        display: flex;
        justify-content: flex-end;
        gap: 8px;
        margin-top: 20px;
      }
    `],l([u()],k.prototype,"_action",2),l([u()],k.prototype,"_configuration",2),l([u()],k.prototype,"_mode",2),l([u()],k.prototype,"_address",2),l([u()],k.prototype,"_error",2),l([j("dialog")],k.prototype,"_dialog",2),l([j("input[name=address]")],k.prototype,"_input",2);$("esphome-builder-target-dialog",k);var Se="/esphome-builder",It=200;function Qe(o){let t=o.split("/").filter(Boolean);return t[0]==="jobs"&&t[1]?{name:"job",jobId:decodeURIComponent(t[1])}:t[0]==="jobs"?{name:"jobs"}:{name:"devices"}}function et(o){return o.sort((t,e)=>t.created_at<e.created_at?1:t.created_at>e.created_at?-1:0)}var m=class extends g{constructor(){super(...arguments);this.narrow=!1;this._devices=[];this._jobs=[];this._devicesLoaded=!1;this._jobsLoaded=!1;this._connected=!0;this._now=Date.now();this._cancelling=new Set;this._menuButtonDefined=!!customElements.get("ha-menu-button");this._onDisconnected=()=>{this._connected=!1};this._onReady=()=>{this._connected=!0};this._openJob=e=>{re(`${this._prefix}/jobs/${encodeURIComponent(e.detail)}`)};this._link=e=>{e.metaKey||e.ctrlKey||e.shiftKey||e.button!==0||(e.preventDefault(),re(e.currentTarget.getAttribute("href")))}}connectedCallback(){super.connectedCallback(),this.hass&&this._subscribe(),this._menuButtonDefined||customElements.whenDefined("ha-menu-button").then(()=>this._menuButtonDefined=!0)}disconnectedCallback(){super.disconnectedCallback(),this._unsubscribe()}willUpdate(e){e.has("hass")&&this.hass&&(this.hass.connection!==this._conn&&this._unsubscribe(),!this._events&&this.isConnected&&this._subscribe(),this.toggleAttribute("dark",!!this.hass.themes?.darkMode)),e.has("_jobs")&&this._tick()}_subscribe(){let e=this.hass.connection;this._conn=e,e.addEventListener("disconnected",this._onDisconnected),e.addEventListener("ready",this._onReady),this._connected=e.connected,this._events=new D(e,{type:"esphome_builder/subscribe_events"},i=>this._onEvent(i)),this._jobsSub=new D(e,{type:"esphome_builder/jobs/subscribe"},i=>this._onJobs(i))}_unsubscribe(){this._events?.stop(),this._jobsSub?.stop(),this._events=this._jobsSub=void 0,this._conn?.removeEventListener("disconnected",this._onDisconnected),this._conn?.removeEventListener("ready",this._onReady),this._conn=void 0,this._clock&&clearInterval(this._clock),this._clock=void 0}_onEvent(e){switch(e.type){case"initial_state":this._devices=e.devices,this._devicesLoaded=!0;break;case"device_added":case"device_updated":{let i=this._devices.filter(r=>r.configuration!==e.device.configuration);this._devices=[...i,e.device];break}case"device_removed":this._devices=this._devices.filter(i=>i.configuration!==e.device.configuration);break;case"resync_required":this._events?.restart();break;default:break}}_onJobs(e){if(e.type==="snapshot"){this._jobs=et([...e.jobs]),this._jobsLoaded=!0;return}if(e.type==="resync_required"){this._jobsSub?.restart();return}if(!("job"in e)||!e.job)return;let i=e.job,r=this._jobs.findIndex(n=>n.job_id===i.job_id),s=[...this._jobs];if(r>=0?s[r]=i:s.unshift(i),this._jobs=et(s).slice(0,It),y(i)&&this._cancelling.has(i.job_id)){let n=new Set(this._cancelling);n.delete(i.job_id),this._cancelling=n}}_tick(){let e=this._jobs.some(i=>!y(i));e&&!this._clock?this._clock=setInterval(()=>this._now=Date.now(),1e3):!e&&this._clock&&(clearInterval(this._clock),this._clock=void 0,this._now=Date.now())}async _onAction(e){let{action:i,configuration:r}=e.detail,s;if(i==="install"||i==="logs"){let n=await this._dialog.ask(i,r);if(n===null)return;s=n}await this._start(i,r,s)}async _start(e,i,r){if(this.hass)try{let{job_id:s}=await Ae.startJob(this.hass.connection,e,i,r);re(`${this._prefix}/jobs/${encodeURIComponent(s)}`)}catch(s){K(this,`Could not start: ${q(s)}`)}}async _onCancel(e){let i=e.detail;if(!(!this.hass||this._cancelling.has(i))){this._cancelling=new Set([...this._cancelling,i]);try{await Ae.cancelJob(this.hass.connection,i)}catch(r){K(this,`Could not cancel: ${q(r)}`)}finally{let r=new Set(this._cancelling);r.delete(i),this._cancelling=r}}}get _prefix(){return this.route?.prefix||Se}get _view(){if(this.route)return Qe(this.route.path);let e=location.pathname.startsWith(Se)?location.pathname.slice(Se.length):"";return Qe(e)}_latestByConfiguration(){let e=new Map;for(let i of this._jobs)e.has(i.configuration)||e.set(i.configuration,i);return e}_renderMenuButton(){return this.narrow?this._menuButtonDefined?c`<ha-menu-button .hass=${this.hass} .narrow=${this.narrow}></ha-menu-button>`:c`<button class="menu" aria-label="Sidebar"
      @click=${()=>this.dispatchEvent(new Event("hass-toggle-menu",{bubbles:!0,composed:!0}))}>
      <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3,6H21V8H3V6M3,11H21V13H3V11M3,16H21V18H3V16Z" /></svg>
    </button>`:d}render(){let e=this._view,i=this._jobs.filter(s=>!y(s)).length,r=e.name==="devices"?"devices":"jobs";return c`
      <header class="toolbar">
        <div class="bar">
          ${this._renderMenuButton()}
          <div class="title">ESPHome Builder</div>
        </div>
        <nav class="tabs" role="tablist">
          <a role="tab" href=${this._prefix} aria-selected=${r==="devices"} class=${r==="devices"?"active":""}
            @click=${this._link}>Devices</a>
          <a role="tab" href="${this._prefix}/jobs" aria-selected=${r==="jobs"} class=${r==="jobs"?"active":""}
            @click=${this._link}>Jobs${i?c`<span class="badge">${i}</span>`:d}</a>
        </nav>
      </header>
      ${this._connected?d:c`<div class="banner" role="status">Connection to Home Assistant lost. Reconnecting…</div>`}
      <main class=${e.name==="job"?"job":""}>
        ${e.name==="devices"?c`<esphome-builder-devices
              .devices=${this._devices}
              .latest=${this._latestByConfiguration()}
              .now=${this._now}
              .loading=${!this._devicesLoaded}
              @eb-action=${this._onAction}
              @eb-open-job=${this._openJob}
            ></esphome-builder-devices>`:e.name==="jobs"?c`<esphome-builder-jobs
                .jobs=${this._jobs}
                .cancelling=${this._cancelling}
                .now=${this._now}
                .loading=${!this._jobsLoaded}
                .language=${this.hass?.language}
                @eb-open-job=${this._openJob}
                @eb-cancel-job=${this._onCancel}
              ></esphome-builder-jobs>`:c`<esphome-builder-job
                .hass=${this.hass}
                .jobId=${e.jobId}
                .job=${this._jobs.find(s=>s.job_id===e.jobId)}
                .narrow=${this.narrow}
                .now=${this._now}
                .cancelling=${this._cancelling.has(e.jobId)}
                ?dark=${!!this.hass?.themes?.darkMode}
                @eb-cancel-job=${this._onCancel}
                @eb-back=${()=>re(`${this._prefix}/jobs`)}
              ></esphome-builder-job>`}
      </main>
      <esphome-builder-target-dialog></esphome-builder-target-dialog>
    `}};m.styles=[S,_`
      :host {
        display: flex;
        flex-direction: column;
        height: 100%;
        min-height: 100vh;
        background: var(--primary-background-color);
        color: var(--primary-text-color);
        font-family: var(--paper-font-body1_-_font-family, var(--ha-font-family-body, Roboto, sans-serif));
        -webkit-font-smoothing: antialiased;
      }
      .toolbar {
        /* A long device list must not squeeze the toolbar (and hide the tabs). */
        flex: none;
        position: sticky;
        top: 0;
        z-index: 2;
        display: flex;
        align-items: flex-end;
        flex-wrap: wrap;
        gap: 0 24px;
        padding: 0 12px;
        padding-left: max(12px, env(safe-area-inset-left));
        min-height: var(--header-height, 56px);
        background: var(--app-header-background-color, var(--primary-color));
        color: var(--app-header-text-color, var(--text-primary-color, #fff));
        border-bottom: var(--app-header-border-bottom, none);
        box-sizing: border-box;
      }
      .bar {
        display: flex;
        align-items: center;
        gap: 4px;
        height: var(--header-height, 56px);
      }
      .title {
        font-size: 20px;
        font-weight: 400;
        margin-left: 4px;
        white-space: nowrap;
      }
      .menu {
        display: inline-flex;
        align-items: center;
        justify-content: center;
        width: 48px;
        height: 48px;
        padding: 0;
        border: none;
        border-radius: 50%;
        background: transparent;
        color: inherit;
        cursor: pointer;
      }
      .menu svg {
        width: 24px;
        height: 24px;
        fill: currentColor;
      }
      ha-menu-button {
        color: inherit;
      }
      .tabs {
        display: flex;
        height: var(--header-height, 56px);
      }
      :host([narrow]) .tabs {
        width: 100%;
        height: 44px;
      }
      .tabs a {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        padding: 0 16px;
        color: inherit;
        opacity: 0.75;
        text-decoration: none;
        font-weight: 500;
        font-size: 14px;
        text-transform: uppercase;
        letter-spacing: 0.04em;
        border-bottom: 2px solid transparent;
      }
      :host([narrow]) .tabs a {
        flex: 1;
        justify-content: center;
      }
      .tabs a.active {
        opacity: 1;
        border-bottom-color: currentColor;
      }
      .badge {
        min-width: 18px;
        height: 18px;
        padding: 0 5px;
        border-radius: 9px;
        box-sizing: border-box;
        background: var(--accent-color, #ff9800);
        color: var(--text-accent-color, var(--text-primary-color, #fff));
        font-size: 12px;
        line-height: 18px;
        text-align: center;
      }
      .banner {
        padding: 8px 16px;
        background: var(--warning-color, #ffa600);
        color: var(--text-primary-color, #fff);
        text-align: center;
      }
      main {
        flex: 1;
        box-sizing: border-box;
        width: 100%;
        max-width: 1400px;
        margin: 0 auto;
        padding: 16px;
      }
      main.job {
        display: flex;
        flex-direction: column;
        min-height: 0;
        height: calc(100vh - var(--header-height, 56px));
      }
      :host([narrow]) main {
        padding: 8px;
      }
      :host([narrow]) main.job {
        height: calc(100vh - var(--header-height, 56px) - 44px);
      }
      esphome-builder-job {
        flex: 1;
        min-height: 0;
      }
    `],l([h({attribute:!1})],m.prototype,"hass",2),l([h({type:Boolean,reflect:!0})],m.prototype,"narrow",2),l([h({attribute:!1})],m.prototype,"route",2),l([h({attribute:!1})],m.prototype,"panel",2),l([u()],m.prototype,"_devices",2),l([u()],m.prototype,"_jobs",2),l([u()],m.prototype,"_devicesLoaded",2),l([u()],m.prototype,"_jobsLoaded",2),l([u()],m.prototype,"_connected",2),l([u()],m.prototype,"_now",2),l([u()],m.prototype,"_cancelling",2),l([u()],m.prototype,"_menuButtonDefined",2),l([j("esphome-builder-target-dialog")],m.prototype,"_dialog",2);$("esphome-builder-panel",m);export{m as EsphomeBuilderPanel,Qe as parseRoute};
/*! Bundled license information:

@lit/reactive-element/css-tag.js:
  (**
   * @license
   * Copyright 2019 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

@lit/reactive-element/reactive-element.js:
lit-html/lit-html.js:
lit-element/lit-element.js:
@lit/reactive-element/decorators/custom-element.js:
@lit/reactive-element/decorators/property.js:
@lit/reactive-element/decorators/state.js:
@lit/reactive-element/decorators/event-options.js:
@lit/reactive-element/decorators/base.js:
@lit/reactive-element/decorators/query.js:
@lit/reactive-element/decorators/query-all.js:
@lit/reactive-element/decorators/query-async.js:
@lit/reactive-element/decorators/query-assigned-nodes.js:
  (**
   * @license
   * Copyright 2017 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

lit-html/is-server.js:
  (**
   * @license
   * Copyright 2022 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

@lit/reactive-element/decorators/query-assigned-elements.js:
  (**
   * @license
   * Copyright 2021 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)
*/
